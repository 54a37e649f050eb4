package org.acupressurecds.operations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** docker/ checked without a Docker engine: what the files say, and that what they copy or mount is there. */
class DeploymentFilesTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Path DOCKER = Path.of("docker");

    private static List<JsonNode> kubernetes() throws IOException {
        List<JsonNode> documents = new ArrayList<>();
        try (var parser = YAML.getFactory().createParser(DOCKER.resolve("kubernetes.yaml").toFile())) {
            YAML.readValues(parser, JsonNode.class).forEachRemaining(documents::add);
        }
        return documents;
    }

    private static JsonNode kind(List<JsonNode> documents, String kind) {
        return documents.stream().filter(d -> kind.equals(d.path("kind").asText())).findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind));
    }

    /** The Dockerfile's instruction, e.g. ENTRYPOINT, as the JSON array it must be (exec form). */
    static List<String> execForm(String instruction) throws IOException {
        String dockerfile = Files.readString(DOCKER.resolve("Dockerfile")).replace("\\\n", " ");
        Matcher m = Pattern.compile("(?m)^" + instruction + "\\b.*?(CMD )?(\\[.*\\])\\s*$").matcher(dockerfile);
        assertTrue(m.find(), instruction + " in exec form");
        List<String> command = new ArrayList<>();
        YAML.readTree(m.group(2)).forEach(n -> command.add(n.asText()));
        return command;
    }

    /** The Dockerfile's RUN in shell form that holds a phrase, its lines joined: what the image build runs. */
    static String shellForm(String phrase) throws IOException {
        String dockerfile = Files.readString(DOCKER.resolve("Dockerfile")).replace("\\\n", " ");
        Matcher m = Pattern.compile("(?m)^RUN (.*" + Pattern.quote(phrase) + ".*)$").matcher(dockerfile);
        assertTrue(m.find(), "a RUN with " + phrase);
        return m.group(1);
    }

    /** The value the Dockerfile's ENV gives a variable, e.g. JAVA_TOOL_OPTIONS: the image's own setting. */
    static String env(String variable) throws IOException {
        String dockerfile = Files.readString(DOCKER.resolve("Dockerfile"));
        Matcher m = Pattern.compile("\\b" + variable + "=\"([^\"]*)\"").matcher(dockerfile);
        assertTrue(m.find(), variable + " in the Dockerfile's ENV");
        return m.group(1);
    }

    private static String version() throws IOException {
        Matcher m = Pattern.compile("<artifactId>acupressure-cds</artifactId>\\s*<version>([^<]+)</version>")
                .matcher(Files.readString(Path.of("pom.xml")));
        assertTrue(m.find());
        return m.group(1);
    }

    @Test
    void theDockerfileCopiesWhatExistsRunsItsJarDirectlyAndChecksHealthWithoutAShell() throws IOException {
        String dockerfile = Files.readString(DOCKER.resolve("Dockerfile"));
        Matcher copy = Pattern.compile("(?m)^COPY (?!--from)(?:--chown=\\S+ )?(.+) \\S+$").matcher(dockerfile);
        int copies = 0;
        while (copy.find()) {
            for (String source : copy.group(1).split(" ")) {
                assertTrue(Files.exists(Path.of(source)), "COPY " + source);
                copies++;
            }
        }
        assertTrue(copies >= 5, "the build context's files are checked");
        assertEquals(List.of("java", "-XX:SharedArchiveFile=/deployments/app/app-cds.jsa", "-jar",
                "/deployments/app/quarkus-run.jar"), execForm("ENTRYPOINT"));
        List<String> health = execForm("HEALTHCHECK");
        assertEquals("java", health.get(0));
        assertEquals("health", health.get(health.size() - 1));
        assertTrue(dockerfile.contains("acupressure-cds:" + version()), "the tag the README and manifest use");
    }

    @Test
    void composeMountsTheRulesAndTheSpoolAndWaitsForPostgresql() throws IOException {
        JsonNode compose = YAML.readTree(DOCKER.resolve("compose.yaml").toFile());
        JsonNode service = compose.path("services").path("acupressure-cds");
        assertTrue(Files.exists(DOCKER.resolve(service.path("build").path("context").asText())
                .resolve(service.path("build").path("dockerfile").asText())));
        Set<String> named = new TreeSet<>();
        compose.path("volumes").fieldNames().forEachRemaining(named::add);
        for (JsonNode volume : service.path("volumes")) {
            String source = volume.asText().split(":")[0];
            assertTrue(source.startsWith(".") ? Files.isDirectory(DOCKER.resolve(source)) : named.contains(source),
                    "mounted: " + source);
        }
        assertTrue(service.path("volumes").toString().contains(":/deployments/data"), "the spool outlives the container");
        assertEquals("service_healthy", service.path("depends_on").path("postgres").path("condition").asText());
        assertTrue(service.path("environment").path("QUARKUS_DATASOURCE_JDBC_URL").asText().contains("//postgres:"));
    }

    @Test
    void kubernetesRunsTwoReplicasThatStopGracefullyWithTheRulesFromConfigMaps() throws IOException {
        List<JsonNode> documents = kubernetes();
        JsonNode deployment = kind(documents, "Deployment");
        JsonNode pod = deployment.path("spec").path("template").path("spec");
        JsonNode container = pod.path("containers").get(0);
        assertTrue(deployment.path("spec").path("replicas").asInt() >= 2);
        assertEquals("acupressure-cds:" + version(), container.path("image").asText());
        assertEquals(deployment.path("spec").path("selector"), kind(documents, "PodDisruptionBudget").path("spec")
                .path("selector"));

        Properties config = new Properties();
        config.load(Files.newBufferedReader(Path.of("src/main/resources/application.properties")));
        long stopping = 5 + Duration.parse("PT" + config.getProperty("quarkus.shutdown.delay")).toSeconds()
                + Duration.parse("PT" + config.getProperty("quarkus.shutdown.timeout")).toSeconds();
        assertEquals(List.of("sleep", "5"), YAML.convertValue(container.path("lifecycle").path("preStop")
                .path("exec").path("command"), List.class));
        assertTrue(pod.path("terminationGracePeriodSeconds").asLong() > stopping, "the grace period covers a stop");
        for (String probe : List.of("startupProbe", "readinessProbe", "livenessProbe")) {
            assertTrue(container.path(probe).path("httpGet").path("path").asText().startsWith("/q/health/"), probe);
        }

        Set<String> volumes = new TreeSet<>();
        pod.path("volumes").forEach(v -> volumes.add(v.path("name").asText()));
        for (JsonNode mount : container.path("volumeMounts")) {
            assertTrue(volumes.contains(mount.path("name").asText()), mount.toString());
            assertFalse(mount.has("subPath"), "a subPath mount never sees an edit: " + mount);
        }
        assertTrue(container.path("volumeMounts").toString().contains("\"mountPath\":\"/deployments/data\""));
        JsonNode rules = pod.path("volumes").findParent("projected").path("projected").path("sources");
        Set<String> mounted = new TreeSet<>();
        for (JsonNode source : rules) {
            source.path("configMap").path("items").forEach(item -> mounted.add(item.path("path").asText()));
        }
        assertEquals(files("codes", "scenarios"), mounted, "every file of codes/ and scenarios/, and nothing else");
    }

    private static Set<String> files(String... folders) throws IOException {
        Set<String> found = new TreeSet<>();
        for (String folder : folders) {
            try (Stream<Path> list = Files.list(Path.of("rules", folder))) {
                list.forEach(f -> found.add(folder + "/" + f.getFileName()));
            }
        }
        return found;
    }
}
