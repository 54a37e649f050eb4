package org.acupressurecds.operations;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The API's description at /q/openapi: valid to an independent parser, complete, and its examples really work. */
@QuarkusTest
class OpenApiTest {

    private static OpenAPI document() {
        String json = given().queryParam("format", "json").when().get("/q/openapi").then().statusCode(200)
                .extract().asString();
        SwaggerParseResult parsed = new OpenAPIV3Parser().readContents(json);
        assertTrue(parsed.getMessages() == null || parsed.getMessages().isEmpty(), () -> parsed.getMessages().toString());
        return parsed.getOpenAPI();
    }

    @Test
    void everyEndpointOfTheServiceIsDescribedWithItsErrorsAsProblems() throws Exception {
        OpenAPI api = document();
        TreeSet<String> described = new TreeSet<>();
        api.getPaths().forEach((path, item) -> item.readOperationsMap()
                .forEach((method, operation) -> described.add(method + " " + path)));

        assertEquals(endpoints(), described);
        for (PathItem item : api.getPaths().values()) {
            for (Operation operation : item.readOperations()) {
                assertNotNull(operation.getSummary(), operation.getOperationId() + " has a summary");
                assertEquals("#/components/schemas/Problem", operation.getResponses().get("default").getContent()
                        .get("application/problem+json").getSchema().get$ref(), operation.getOperationId());
            }
        }
        assertTrue(api.getComponents().getSchemas().get("Problem").getProperties().containsKey("errors"));
    }

    @Test
    void theExamplesOfTheAssessmentAndTheHookAreAnsweredAsDocumented() {
        OpenAPI api = document();
        Object assessment = example(api.getPaths().get("/api/v1/assessments").getPost());
        given().contentType("application/json").body(assessment).when().post("/api/v1/assessments").then()
                .statusCode(200).body("verdict", org.hamcrest.Matchers.equalTo("SUITABLE"));
        Object hook = example(api.getPaths().get("/cds-services/{id}").getPost());
        given().contentType("application/json").body(hook).when().post("/cds-services/acupressure-mat-sciatica").then()
                .statusCode(200).body("cards[0].indicator", org.hamcrest.Matchers.equalTo("warning"));
        Object apply = example(api.getPaths().get("/fhir/PlanDefinition/acupressure-mat-sciatica/$apply").getPost(),
                "application/fhir+json");
        given().urlEncodingEnabled(false).contentType("application/fhir+json").body(apply).when()
                .post("/fhir/PlanDefinition/acupressure-mat-sciatica/$apply").then().statusCode(200)
                .body("resourceType", org.hamcrest.Matchers.equalTo("CarePlan"));
    }

    /** The README's calls of the hook and of $apply are the documented examples, which the test above sends. */
    @Test
    void theReadmesCallsAreTheDocumentedExamples() throws Exception {
        OpenAPI api = document();
        String readme = Files.readString(java.nio.file.Path.of("README.md"));
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        Object hook = example(api.getPaths().get("/cds-services/{id}").getPost());
        Object apply = example(api.getPaths().get("/fhir/PlanDefinition/acupressure-mat-sciatica/$apply").getPost(),
                "application/fhir+json");
        assertEquals(hook instanceof String text ? json.readTree(text) : json.valueToTree(hook),
                json.readTree(readmeBlock(readme, "\n{\n  \"hook\": \"patient-view\"")));
        assertEquals(apply instanceof String text ? json.readTree(text) : json.valueToTree(apply),
                json.readTree(readmeBlock(readme, "\n{\n  \"resourceType\": \"Parameters\"")));
    }

    /** The JSON of a README here-document, from where it starts to its EOF. */
    private static String readmeBlock(String readme, String start) {
        int at = readme.indexOf(start);
        assertTrue(at >= 0, "the README has no block starting " + start);
        return readme.substring(at, readme.indexOf("\nEOF\n", at));
    }

    private static Object example(Operation operation) {
        return example(operation, "application/json");
    }

    private static Object example(Operation operation, String mediaType) {
        return operation.getRequestBody().getContent().get(mediaType).getExamples().values().iterator().next()
                .getValue();
    }

    /** Every resource method in the service's classes, as "METHOD /path". */
    private static TreeSet<String> endpoints() throws Exception {
        TreeSet<String> found = new TreeSet<>();
        java.nio.file.Path classes = java.nio.file.Path.of("target/classes");
        try (Stream<java.nio.file.Path> files = Files.walk(classes)) {
            for (java.nio.file.Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String name = classes.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
                Class<?> type = Class.forName(name, false, OpenApiTest.class.getClassLoader());
                Path root = type.getAnnotation(Path.class);
                if (root == null || type.isAnnotationPresent(io.quarkus.arc.profile.IfBuildProfile.class)) {
                    continue; // not a resource, or one only a benchmark build has
                }
                for (Method m : type.getDeclaredMethods()) {
                    for (Map.Entry<Class<? extends java.lang.annotation.Annotation>, String> http : Map.of(GET.class,
                            "GET", POST.class, "POST", PUT.class, "PUT", DELETE.class, "DELETE").entrySet()) {
                        if (m.isAnnotationPresent(http.getKey())) {
                            Path sub = m.getAnnotation(Path.class);
                            found.add(http.getValue() + " " + root.value() + (sub == null ? "" : sub.value()));
                        }
                    }
                }
            }
        }
        return found;
    }
}
