package org.acupressurecds.operations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.Map;
import org.acupressurecds.ruleset.RulesFolder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The image, without a Docker engine: the packaged jar run exactly as the Dockerfile's ENTRYPOINT and HEALTHCHECK
 * say, from a /deployments folder of its own that the service cannot write to except data/, as a user other than
 * its owner (nobody, when the tests run as root), with the image's environment.
 */
class ContainerIT {

    private static final boolean ROOT = "root".equals(System.getProperty("user.name"));

    private Path deployments;
    private final Map<String, String> environment = new java.util.HashMap<>();

    @Test
    void theEntrypointServesFromAReadOnlyRootTheHealthCheckPassesUnderDashAndCheckRunsWithoutMaven(
            @TempDir Path temp) throws Exception {
        Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rwxr-xr-x"));
        deployments = Files.createDirectories(temp.resolve("deployments"));
        Files.createSymbolicLink(deployments.resolve("app"), PackagedService.JAR.getParent());
        RulesFolder.copyTo(deployments.resolve("rules"));
        Path data = Files.createDirectories(deployments.resolve("data"));
        int port = PackagedService.freePort();
        environment.putAll(Map.of("CDS_RULES_DIR", deployments.resolve("rules").toString(),
                "JAVA_TOOL_OPTIONS", DeploymentFilesTest.env("JAVA_TOOL_OPTIONS"),
                "MALLOC_ARENA_MAX", DeploymentFilesTest.env("MALLOC_ARENA_MAX"),
                "QUARKUS_HTTP_PORT", String.valueOf(port), "CDS_SECURITY_OPEN", "true", "QUARKUS_SHUTDOWN_DELAY", "0S"));
        readOnlyButData(data);

        // The class-data sharing archive, made as the image build makes it (as root, before USER): a start to readiness.
        PackagedService.Ran trained = run(List.of("dash", "-c", image(List.of(
                DeploymentFilesTest.shellForm("ArchiveClassesAtExit"))).get(0)), false);
        assertEquals(0, trained.exit(), trained.output());
        Path archive = deployments.resolve("app/app-cds.jsa");
        assertTrue(Files.size(archive) > 1_000_000, "an archive of the classes loaded");
        try (Stream<Path> left = Files.list(data)) {
            assertEquals(0, left.count(), "the training start leaves no record behind");
        }

        try (PackagedService service = start(image(DeploymentFilesTest.execForm("ENTRYPOINT")), port)) {
            List<String> health = new ArrayList<>(image(DeploymentFilesTest.execForm("ENTRYPOINT")));
            health.add(1, "-Xshare:on"); // refuses to start unless the archive maps: it serves this JVM and jar
            health.add("health");
            PackagedService.Ran mapped = run(health);
            assertEquals(0, mapped.exit(), "the archive serves the image's JVM and jar: " + mapped.output());
            // The bundled rules start on the build's pass (rules-checked.json); PackagedCheckTest: nothing else does.
            assertTrue(service.log().contains("passed their scenarios and the safety gate when this build was "
                    + "packaged"), service.log());
            service.http().contentType("application/json").body("""
                    {"sciaticaType":"PIRIFORMIS_SYNDROME","redFlags":[],"painScore":5,"laterality":"LEFT"}""")
                    .post("/api/v1/assessments").then().statusCode(200);
            assertTrue(Files.exists(data.resolve("records.mv.db")), "the record is kept in data/");

            assertEquals(0, underDash(image(DeploymentFilesTest.execForm("HEALTHCHECK"))).exit(), "ready: healthy");
        }
        assertEquals(1, underDash(image(DeploymentFilesTest.execForm("HEALTHCHECK"))).exit(), "stopped: unhealthy");

        List<String> check = new ArrayList<>(image(DeploymentFilesTest.execForm("ENTRYPOINT")));
        check.addAll(List.of("check", deployments.resolve("rules").toString()));
        PackagedService.Ran checked = run(check);
        assertEquals(0, checked.exit(), checked.output());
        assertTrue(checked.output().contains("\nOK: "), checked.output());
    }

    /** The image's paths, here. */
    private List<String> image(List<String> command) {
        return command.stream().map(a -> a.replace("/deployments", deployments.toString())).toList();
    }

    private void readOnlyButData(Path data) throws Exception {
        if (ROOT) { // root writes anywhere: the service runs as nobody, as the image runs it as uid 185
            exec(List.of("chown", "-R", "nobody", data.toString()));
        } else {
            Files.setPosixFilePermissions(deployments, PosixFilePermissions.fromString("r-xr-xr-x"));
        }
    }

    private List<String> asServiceUser(List<String> command) {
        List<String> full = new ArrayList<>();
        if (ROOT) {
            full.addAll(List.of("runuser", "-u", "nobody", "--", "env"));
            environment.forEach((k, v) -> full.add(k + "=" + v));
        }
        full.addAll(command);
        return full;
    }

    private PackagedService start(List<String> command, int port) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(asServiceUser(command)).directory(deployments.toFile());
        builder.environment().putAll(environment);
        return PackagedService.launch(builder, port, deployments.getParent().resolve("service.log"));
    }

    private PackagedService.Ran underDash(List<String> command) throws Exception {
        return run(List.of("dash", "-c", String.join(" ", command)));
    }

    private PackagedService.Ran run(List<String> command) throws Exception {
        return run(command, true);
    }

    /** asService: as the service's user, as the image runs it; otherwise as the image build runs a step (root). */
    private PackagedService.Ran run(List<String> command, boolean asService) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(asService ? asServiceUser(command) : command)
                .directory(deployments.toFile())
                .redirectErrorStream(true);
        builder.environment().putAll(environment);
        Process p = builder.start();
        String output = new String(p.getInputStream().readAllBytes());
        return new PackagedService.Ran(p.waitFor(), output);
    }

    private static void exec(List<String> command) throws Exception {
        Process p = new ProcessBuilder(command).inheritIO().start();
        assertEquals(0, p.waitFor(), String.join(" ", command));
    }
}
