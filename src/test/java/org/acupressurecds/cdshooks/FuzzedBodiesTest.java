package org.acupressurecds.cdshooks;

import static io.restassured.RestAssured.given;
import static org.acupressurecds.cdshooks.Ehr.ICD10CM;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Any body, any shape, on every JSON entry point: a 2xx, or a 4xx that is problem+json (a FHIR OperationOutcome for
 * CDS Hooks' 412 and $apply's 400), never a 5xx, never an answer of more than a few KB. The seeds are the
 * bodies that once got a 5xx; the rest are generated from valid bodies by seeded mutation, so a failure replays.
 */
@QuarkusTest
class FuzzedBodiesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final int MUTANTS_PER_SEED = 60;
    private static final int MAX_ERROR_BYTES = 8 * 1024;
    private static final String APPLY = "/fhir/PlanDefinition/acupressure-mat-sciatica/$apply";

    private record Entry(String path, String seed) {
    }

    @io.quarkus.test.common.http.TestHTTPResource("/api/v1/assessments")
    java.net.URI assessments;

    /** A body that once got a 5xx, and the kind of answer it must get now: a 4xx problem, or (read tolerantly) a 2xx. */
    private record Known(String path, String body, int statusClass) {
    }

    @Test
    void knownBadBodiesGetTheirAnswerAndNeverA5xx() throws Exception {
        String card = issueCard();
        List<Known> bodies = List.of(
                new Known(CdsHooksResourceTest.SERVICE + "/feedback", """
                        {"feedback":[{"card":"%s","outcomeTimestamp":"2026-11-24T10:00:00Z"}]}""".formatted(card), 400),
                new Known(CdsHooksResourceTest.SERVICE + "/feedback", """
                        {"feedback":[{"card":"%s","outcome":null,"outcomeTimestamp":"2026-11-24T10:00:00Z"}]}"""
                        .formatted(card), 400),
                new Known(CdsHooksResourceTest.SERVICE + "/feedback", """
                        {"feedback":[{"card":"%s","outcome":"overridden","outcomeTimestamp":"2026-11-24T10:00:00Z",
                          "overrideReason":{"reason":{"system":"x","code":"a\\nERROR forged"}}}]}""".formatted(card), 400),
                new Known("/api/v1/assessments", "{\"sciaticaType\":\"PIRIFORMIS_SYNDROME\",\"redFlags\":[]} {\"a\":1}",
                        400),
                new Known("/api/v1/assessments", "{\"\":1}", 400),
                new Known("/api/v1/assessments", "{\"sciaticaType\":\"PIRIFORMIS_SYNDROME\",\"redFlags\":["
                        + "null,".repeat(100_000) + "null]}", 400),
                // CDS Hooks ignores what it does not use (an unknown prefetch key, a fhirServer not needed) and reads
                // odd FHIR tolerantly (a status coding without a code, a data-absent value); a null or a number where
                // a resource must be is no FHIR, and a 400 naming the key.
                new Known(CdsHooksResourceTest.SERVICE, hookWith(r -> r.put("fhirServer", "http://127.0.0.1:99999/fhir")),
                        200),
                new Known(CdsHooksResourceTest.SERVICE, hookWith(r -> ((ObjectNode) r.get("prefetch")).put("", 1)), 200),
                new Known(CdsHooksResourceTest.SERVICE, hookWith(r -> entries(r, "conditions").forEach(e ->
                        ((ObjectNode) e).putNull("resource"))), 400),
                new Known(CdsHooksResourceTest.SERVICE, hookWith(r -> entries(r, "conditions").forEach(e ->
                        ((ObjectNode) e).put("resource", 42))), 400),
                new Known(CdsHooksResourceTest.SERVICE, hookWith(r -> entries(r, "conditions").forEach(e ->
                        ((ObjectNode) e.get("resource").get("clinicalStatus").get("coding").get(0)).remove("code"))), 200),
                new Known(CdsHooksResourceTest.SERVICE, hookWith(r -> entries(r, "painScores").forEach(e ->
                        dataAbsent((ObjectNode) e.get("resource"), "valueInteger"))), 200),
                new Known(CdsHooksResourceTest.SERVICE, hookWith(r -> entries(r, "procedures").forEach(e ->
                        dataAbsent((ObjectNode) e.get("resource"), "performedDateTime"))), 200));
        List<String> wrong = new ArrayList<>();
        for (int i = 0; i < bodies.size(); i++) {
            Known known = bodies.get(i);
            int status = check(known.path(), known.body());
            if (known.statusClass() / 100 != status / 100) {
                wrong.add("known body " + (i + 1) + " (" + known.path() + ") answered " + status + ", expected a "
                        + known.statusClass() / 100 + "xx");
            }
        }
        assertEquals(List.of(), wrong);
    }

    @Test
    void aBodyOverTheSizeLimitGetsA413Problem() {
        String big = "{\"sciaticaType\":\"PIRIFORMIS_SYNDROME\",\"redFlags\":[],\"x\":\"" + "a".repeat(11 * 1024 * 1024) + "\"}";
        for (String path : List.of("/api/v1/assessments", CdsHooksResourceTest.SERVICE)) {
            Response response = given().contentType("application/json").body(big).when().post(path);
            assertEquals(413, response.statusCode(), path);
            assertTrue(response.contentType().startsWith("application/problem+json"), path);
            assertEquals(413, (int) response.path("status"), path);
        }
    }

    @Test
    void aBodyWithoutALengthIsCappedAsItIsRead() throws Exception {
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        byte[] big = ("{\"sciaticaType\":\"PIRIFORMIS_SYNDROME\",\"redFlags\":[],\"x\":\""
                + "a".repeat(11 * 1024 * 1024) + "\"}").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] small = "{\"sciaticaType\":\"PIRIFORMIS_SYNDROME\",\"redFlags\":[]}"
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        for (byte[] body : List.of(big, small)) {
            // A publisher with no length: the body goes chunked (or as HTTP/2 frames) with no Content-Length.
            java.net.http.HttpResponse<String> response = http.send(java.net.http.HttpRequest.newBuilder(assessments)
                    .header("Content-Type", "application/json")
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(body)))
                    .build(), java.net.http.HttpResponse.BodyHandlers.ofString());
            if (body == big) {
                assertEquals(413, response.statusCode());
                assertEquals("application/problem+json", response.headers().firstValue("Content-Type").orElse(""));
            } else {
                assertEquals(200, response.statusCode(), response.body());
            }
        }
    }

    @Test
    void generatedBodiesOnEveryEntryPointGetA4xxProblemOrAnAnswer() throws Exception {
        String card = issueCard();
        List<Entry> entries = List.of(
                new Entry("/api/v1/assessments", """
                        {"sciaticaType":"DISC_HERNIATION","redFlags":["FOOT_DROP"],"painScore":9,
                         "spinalSurgeryDate":"2026-09-01","medicalClearance":false,"largeDiscHerniationWithImpingement":true,
                         "referredLegPain":true,"sedentaryWork":false,"laterality":"LEFT","assessmentDate":"2026-11-24"}"""),
                new Entry(CdsHooksResourceTest.SERVICE, hookWith(r -> { })),
                new Entry(CdsHooksResourceTest.SERVICE + "/feedback", """
                        {"feedback":[{"card":"%s","outcome":"overridden","outcomeTimestamp":"2026-11-24T10:00:00Z",
                          "overrideReason":{"reason":{"system":"https://acupressure-cds.org/fhir/CodeSystem/override-reason",
                          "code":"already-managed"},"userComment":"seen"}}]}""".formatted(card)),
                new Entry("/api/v1/ruleset/validate", "{\"files\":{\"positions.drl\":42}}"),
                new Entry(APPLY, Ehr.record().condition(ICD10CM, "M51.16").painScore(6, 2)
                        .procedure("387731002", java.time.LocalDate.of(2026, 10, 1)).applyParameters()));
        Random random = new Random(20261125);
        for (Entry entry : entries) {
            JsonNode seed = JSON.readTree(entry.seed());
            for (int i = 0; i < MUTANTS_PER_SEED; i++) {
                check(entry.path(), mutate(seed.deepCopy(), random));
            }
        }
    }

    /** The status, once the answer is checked to be no 5xx and, as a 4xx, a small problem. */
    private static int check(String path, String body) {
        Response response = given().urlEncodingEnabled(false).contentType("application/json").body(body).when()
                .post(path);
        int status = response.statusCode();
        String shown = body.length() > 300 ? body.substring(0, 300) + "…" : body;
        assertTrue(status < 500, () -> path + " answered " + status + " to " + shown);
        if (status >= 400) {
            String type = response.contentType();
            // A FHIR answer's errors are OperationOutcomes: a hook's 412, and $apply's 400.
            boolean fhir = status == 412 || status == 400 && path.equals(APPLY);
            assertTrue(type.startsWith(fhir ? "application/fhir+json" : "application/problem+json"),
                    () -> path + " answered " + status + " as " + type + " to " + shown);
            int size = response.asByteArray().length;
            assertTrue(size <= MAX_ERROR_BYTES, () -> path + " answered " + size + " bytes to " + shown);
        }
        return status;
    }

    /** One random change somewhere in the tree, or a change to the text itself. */
    private static String mutate(JsonNode body, Random random) {
        switch (random.nextInt(8)) {
            case 0 -> {
                return body.toString().substring(0, random.nextInt(Math.max(1, body.toString().length())));
            }
            case 1 -> {
                return body + (random.nextBoolean() ? " {}" : " ,");
            }
            default -> {
                List<JsonNode> containers = new ArrayList<>();
                collect(body, containers);
                JsonNode target = containers.get(random.nextInt(containers.size()));
                JsonNode value = randomValue(random);
                if (target instanceof ObjectNode object) {
                    List<String> names = new ArrayList<>();
                    object.fieldNames().forEachRemaining(names::add);
                    String name = names.isEmpty() || random.nextInt(5) == 0 ? randomName(random)
                            : names.get(random.nextInt(names.size()));
                    if (random.nextInt(4) == 0) {
                        object.remove(name);
                    } else {
                        object.set(name, value);
                    }
                } else if (target instanceof ArrayNode array) {
                    if (array.isEmpty() || random.nextBoolean()) {
                        array.add(value);
                    } else {
                        array.set(random.nextInt(array.size()), value);
                    }
                }
                return body.toString();
            }
        }
    }

    private static void collect(JsonNode node, List<JsonNode> containers) {
        if (node.isContainerNode()) {
            containers.add(node);
            for (Iterator<JsonNode> it = node.elements(); it.hasNext(); ) {
                collect(it.next(), containers);
            }
        }
    }

    private static JsonNode randomValue(Random random) {
        return switch (random.nextInt(12)) {
            case 0 -> NODES.nullNode();
            case 1 -> NODES.numberNode(random.nextInt(200) - 100);
            case 2 -> NODES.numberNode(random.nextDouble() * 1e12);
            case 3 -> NODES.booleanNode(random.nextBoolean());
            case 4 -> NODES.textNode("");
            case 5 -> NODES.textNode("x".repeat(random.nextInt(5000)));
            case 6 -> NODES.textNode("2026-13-45");
            case 7 -> NODES.textNode("\u0000\n\r\tERROR forged");
            case 8 -> NODES.arrayNode().add(NODES.nullNode());
            case 9 -> NODES.objectNode().put("resourceType", random.nextBoolean() ? "Bundle" : "OperationOutcome");
            case 10 -> NODES.textNode("http://127.0.0.1:" + random.nextInt(100_000) + "/fhir#");
            default -> NODES.objectNode();
        };
    }

    private static String randomName(Random random) {
        return List.of("", "x", "resourceType", "code", "outcome", "extension", "__proto__").get(random.nextInt(7));
    }

    private static String hookWith(java.util.function.Consumer<ObjectNode> change) {
        try {
            ObjectNode request = (ObjectNode) JSON.readTree(Ehr.record().condition(ICD10CM, "M51.16")
                    .painScore(6, 2).procedure("387731002", java.time.LocalDate.of(2026, 10, 1)).hookRequest());
            change.accept(request);
            return request.toString();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The element's value replaced by a data-absent-reason extension, as FHIR allows. */
    private static void dataAbsent(ObjectNode resource, String element) {
        resource.remove(element);
        resource.putObject("_" + element).putArray("extension").addObject()
                .put("url", "http://hl7.org/fhir/StructureDefinition/data-absent-reason").put("valueCode", "unknown");
    }

    private static Iterable<JsonNode> entries(ObjectNode request, String key) {
        return request.get("prefetch").get(key).get("entry");
    }

    /** A card this service issued, for feedback to name. */
    private static String issueCard() {
        String uuid = given().contentType("application/json").body(hookWith(r -> { }))
                .when().post(CdsHooksResourceTest.SERVICE).then().statusCode(200).extract().path("cards[0].uuid");
        assertEquals(36, uuid.length());
        return uuid;
    }
}
