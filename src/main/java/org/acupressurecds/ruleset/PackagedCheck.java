package org.acupressurecds.ruleset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.acupressurecds.engine.RuleProblem;
import org.acupressurecds.engine.RuleSetException;
import org.acupressurecds.engine.RuleSetLoader;
import org.acupressurecds.engine.RulesSnapshot;

/**
 * The bundled rules' scenarios and safety gate, passed when the jar was packaged: the build runs the whole check on
 * them ({@value #COMMAND}, right after Quarkus's build) and keeps a record next to quarkus-run.jar, keyed by the rules
 * snapshot's version and a digest of the build (the application's jars and its list of dependencies). At startup, a
 * snapshot with that record from this very build is compiled and linted, not gated again, so a fresh data folder starts
 * fast; any other snapshot, another build, or a JVM not running the package gets the whole check, as every reload does.
 */
public final class PackagedCheck {

    /** The command the build runs: {@code java -jar quarkus-run.jar packaged-check rules}. */
    public static final String COMMAND = "packaged-check";
    static final String RECORD = "rules-checked.json";
    private static final String LAUNCHER = "quarkus-run.jar";
    private static final ObjectMapper JSON = new ObjectMapper();

    private PackagedCheck() {
    }

    /** Whether this build, packaged, passed the whole check on exactly this snapshot. */
    static boolean passed(RulesSnapshot rules) {
        return passed(appFolder(), rules);
    }

    /** app: the package's folder, none outside a package. */
    static boolean passed(Optional<Path> app, RulesSnapshot rules) {
        return app.map(folder -> {
            try {
                JsonNode record = JSON.readTree(folder.resolve(RECORD).toFile());
                return record.path("snapshot").asText().equals(rules.version())
                        && record.path("build").asText().equals(build(folder));
            } catch (IOException e) { // no record, or none that can be read: the whole check
                return false;
            }
        }).orElse(false);
    }

    /**
     * The build's check of its bundled rules: 0 with the record kept, 1 with the problems printed (the build fails:
     * it would not serve its own rules), 2 when not run from the package.
     */
    public static int run(String[] args, PrintStream out) {
        Optional<Path> app = appFolder();
        if (args.length != 2 || app.isEmpty()) {
            out.println("usage, from the package: java -jar target/quarkus-app/" + LAUNCHER + " " + COMMAND
                    + " <rules folder>");
            return 2;
        }
        try {
            RulesSnapshot rules = RulesSnapshot.read(Path.of(args[1]));
            RuleCheck.Candidate checked = RuleCheck.check(new RuleSetLoader(), new ScenarioRunner(), rules);
            if (!checked.problems().isEmpty()) {
                checked.problems().forEach(out::println);
                out.println("FAILED: the bundled rules " + rules.version() + " do not pass their checks");
                return 1;
            }
            Path record = keep(app.get(), rules, checked.scenarios().size());
            out.println("Rules " + rules.version() + ": scenarios and safety gate passed; kept in " + record
                    + " for this build");
            return 0;
        } catch (RuleSetException e) {
            e.problems().stream().map(RuleProblem::toString).forEach(out::println);
            out.println("FAILED: the bundled rules cannot be loaded");
            return 1;
        } catch (IOException e) {
            out.println("FAILED: " + e.getMessage());
            return 1;
        }
    }

    /** Keeps the pass of this snapshot by the package in its folder: the record's path. */
    static Path keep(Path app, RulesSnapshot rules, int scenarios) throws IOException {
        Path record = app.resolve(RECORD);
        JSON.writerWithDefaultPrettyPrinter().writeValue(record.toFile(), Map.of("snapshot", rules.version(),
                "build", build(app), "checked", Instant.now().toString(), "scenarios", scenarios));
        return record;
    }

    /** The folder of the package this JVM runs (quarkus-run.jar's), or none outside one (tests, dev mode). */
    static Optional<Path> appFolder() {
        String classPath = System.getProperty("java.class.path", "");
        if (classPath.isEmpty() || classPath.contains(File.pathSeparator)) {
            return Optional.empty();
        }
        Path launcher = Path.of(classPath).toAbsolutePath();
        return launcher.getFileName().toString().equals(LAUNCHER) ? Optional.ofNullable(launcher.getParent())
                : Optional.empty();
    }

    /** A digest of the build as packaged: every application jar, by name and content, and the dependency list. */
    static String build(Path app) throws IOException {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
        List<Path> parts = new ArrayList<>();
        try (Stream<Path> jars = Files.list(app.resolve("app"))) {
            jars.filter(p -> p.toString().endsWith(".jar")).sorted().forEach(parts::add);
        }
        parts.add(app.resolve("quarkus-app-dependencies.txt"));
        for (Path part : parts) {
            sha.update(part.getFileName().toString().getBytes(StandardCharsets.UTF_8));
            sha.update(Files.readAllBytes(part));
        }
        return HexFormat.of().formatHex(sha.digest());
    }
}
