package org.acupressurecds.store;

import org.acupressurecds.MissingPart;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A real PostgreSQL for the store tests: Debian's server binaries (package postgresql; .ci/run installs it), a fresh
 * cluster in a temporary folder on a free port, run as the postgres user when the tests run as root (initdb refuses root).
 * Without the binaries the tests that need it are skipped, except in CI.
 */
public class PostgresServer implements QuarkusTestResourceLifecycleManager {

    static final String USER = "cds";
    /** The running server, for tests that take the store down and bring it back. */
    public static volatile PostgresServer running;
    private int port;
    private Path cluster;
    private Path bin;
    private boolean asPostgres;

    /** The server binaries, newest version first; empty where PostgreSQL is not installed. */
    static Optional<Path> binaries() {
        Path root = Path.of("/usr/lib/postgresql");
        if (!Files.isDirectory(root)) {
            return Optional.empty();
        }
        try (Stream<Path> versions = Files.list(root)) {
            return versions.map(v -> v.resolve("bin")).filter(b -> Files.isExecutable(b.resolve("pg_ctl")))
                    .max(Comparator.comparing(b -> Integer.parseInt(b.getParent().getFileName().toString())));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    public static boolean available() {
        return binaries().isPresent();
    }

    @Override
    public Map<String, String> start() {
        Optional<Path> found = binaries();
        if (found.isEmpty()) {
            if (MissingPart.inCi()) {
                throw new IllegalStateException("PostgreSQL is not installed: apt-get install -y postgresql");
            }
            return Map.of(); // the tests skip themselves (available() is false)
        }
        bin = found.get();
        try {
            cluster = Files.createTempDirectory("cds-postgres-");
            asPostgres = "root".equals(System.getProperty("user.name"));
            if (asPostgres) {
                run(List.of("chown", "-R", "postgres:postgres", cluster.toString()), false);
            }
            run(List.of(bin.resolve("initdb").toString(), "-D", cluster.resolve("data").toString(), "-U", USER,
                    "--auth=trust", "-E", "UTF8", "--no-sync"), asPostgres);
            port = freePort();
            resume();
            running = this;
            return Map.of("quarkus.datasource.jdbc.url", "jdbc:postgresql://127.0.0.1:" + port + "/postgres",
                    "quarkus.datasource.username", USER, "quarkus.datasource.password", "unused-trust-auth");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void stop() {
        if (cluster != null) {
            pause();
            running = null;
            try (Stream<Path> files = Files.walk(cluster)) {
                files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** The store goes down, as in an outage: connections break at once. */
    public void pause() {
        run(List.of(bin.resolve("pg_ctl").toString(), "-D", cluster.resolve("data").toString(), "-m", "immediate",
                "stop"), asPostgres);
    }

    /** The store is back, on the same port, with what it had committed. */
    public void resume() {
        run(List.of(bin.resolve("pg_ctl").toString(), "-D", cluster.resolve("data").toString(), "-w", "-l",
                cluster.resolve("server.log").toString(), "-o",
                "-p " + port + " -k " + cluster + " -c listen_addresses=127.0.0.1", "start"), asPostgres);
    }

    private static void run(List<String> command, boolean asPostgres) {
        List<String> full = new ArrayList<>();
        if (asPostgres) {
            full.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        full.addAll(command);
        try {
            Process p = new ProcessBuilder(full).redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes());
            if (p.waitFor() != 0) {
                throw new IllegalStateException(String.join(" ", full) + " failed:\n" + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
