package org.acupressurecds.operations;

import static io.restassured.RestAssured.given;

import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The packaged service, {@code java -jar target/quarkus-app/quarkus-run.jar}, in a working folder of its own, as an
 * operator runs it: for what only a real process shows (two instances, a restart, kill -9). Open mode: these tests
 * are about the record, and the security tests cover who may call.
 */
public final class PackagedService implements AutoCloseable {

    public static final Path JAR = Path.of("target/quarkus-app/quarkus-run.jar").toAbsolutePath();
    private static final Duration STARTUP = Duration.ofSeconds(120); // liveness on a loaded machine, not speed

    private final Process process;
    private final int port;
    private final Path log;

    private PackagedService(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** Starts the service in the folder with these settings (as -D properties) and waits until it is ready. */
    public static PackagedService start(Path folder, Map<String, String> settings) throws Exception {
        Files.createDirectories(folder);
        int port = freePort();
        List<String> command = new ArrayList<>(List.of(java(), "-Dquarkus.http.port=" + port,
                "-Dcds.security.open=true", "-Dcds.rules.dir=" + Path.of("rules").toAbsolutePath(),
                "-Dquarkus.shutdown.delay=0S"));
        settings.forEach((name, value) -> command.add("-D" + name + "=" + value));
        command.addAll(List.of("-jar", JAR.toString()));
        return launch(new ProcessBuilder(command).directory(folder.toFile()), port,
                folder.resolve("service-" + port + ".log"));
    }

    /** Starts the service as the builder says, listening on port, with its output in log; waits until it is ready. */
    static PackagedService launch(ProcessBuilder builder, int port, Path log) throws Exception {
        Process process = builder.redirectErrorStream(true).redirectOutput(log.toFile()).start();
        PackagedService service = new PackagedService(process, port, log);
        service.awaitReady();
        return service;
    }

    /** Runs the jar's command line in the folder, with these environment variables; its exit code and output. */
    public static Ran command(Path folder, Map<String, String> environment, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(java(), "-jar", JAR.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(folder.toFile()).redirectErrorStream(true);
        builder.environment().putAll(environment);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes());
        return new Ran(process.waitFor(), output);
    }

    public record Ran(int exit, String output) {
    }

    public RequestSpecification http() {
        return given().baseUri("http://127.0.0.1").port(port);
    }

    /** What the service printed so far: its log. */
    public String log() throws IOException {
        return Files.readString(log);
    }

    /** SIGTERM, without waiting: the service stops as it would in a rolling update. */
    public void terminate() {
        process.destroy();
    }

    /** The exit code once the process ends within the time, else null. */
    public Integer exitWithin(Duration time) throws InterruptedException {
        return process.waitFor(time.toMillis(), TimeUnit.MILLISECONDS) ? process.exitValue() : null;
    }

    /** SIGKILL: no shutdown hook runs, nothing is flushed that was not flushed already. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** SIGTERM, a normal stop. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            kill();
        }
    }

    private void awaitReady() throws Exception {
        long deadline = System.nanoTime() + STARTUP.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the service stopped while starting:\n" + Files.readString(log));
            }
            try {
                if (http().get("/q/health/ready").statusCode() == 200) {
                    return;
                }
            } catch (Exception notListeningYet) { // RestAssured throws ConnectException unchecked
                // the port opens late in startup
            }
            Thread.sleep(200);
        }
        kill();
        throw new IllegalStateException("the service was not ready within " + STARTUP + ":\n" + Files.readString(log));
    }

    private static String java() {
        return ProcessHandle.current().info().command().orElse("java");
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
