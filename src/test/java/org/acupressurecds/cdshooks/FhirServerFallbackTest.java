package org.acupressurecds.cdshooks;

import static io.restassured.RestAssured.given;
import static org.acupressurecds.cdshooks.Ehr.ICD10CM;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Keys the EHR did not prefetch are read from its FHIR server: a small real HTTP server serving FHIR JSON. */
@QuarkusTest
class FhirServerFallbackTest {

    private static final String TOKEN = "token-abc-123";

    private HttpServer server;
    private String base;
    private final List<String> queries = new CopyOnWriteArrayList<>();
    private final List<String> authorizations = new CopyOnWriteArrayList<>();
    private volatile int status = 200;

    @BeforeEach
    void startFhirServer() throws IOException {
        Ehr ehr = Ehr.record().condition(ICD10CM, "M51.16").condition(ICD10CM, "M21.372")
                .painScore(9, 1).procedure("387731002", LocalDate.now().minusYears(2));
        Map<String, Resource> resources = ehr.resources();
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        base = "http://127.0.0.1:" + server.getAddress().getPort() + "/fhir";
        server.createContext("/fhir", exchange -> {
            String query = URLDecoder.decode(exchange.getRequestURI().toString(), StandardCharsets.UTF_8).substring("/fhir/".length());
            queries.add(query);
            authorizations.add(exchange.getRequestHeaders().getFirst("Authorization"));
            Resource answer = query.startsWith("Patient/") ? resources.get("patient")
                    : query.startsWith("Condition?") ? conditionsPage(resources, query)
                    : query.startsWith("Observation?") ? resources.get("painScores")
                    : resources.get("procedures");
            byte[] body = Ehr.FHIR.newJsonParser().encodeResourceToString(answer).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/fhir+json");
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    /** Conditions come in two pages, so the client must follow Bundle.link[next]. */
    private Bundle conditionsPage(Map<String, Resource> resources, String query) {
        Bundle all = (Bundle) resources.get("conditions");
        boolean second = query.contains("page=2");
        Bundle page = Ehr.searchset(List.of(all.getEntry().get(second ? 1 : 0).getResource()));
        if (!second) {
            page.addLink().setRelation(Bundle.LINK_NEXT).setUrl(base + "/Condition?patient=" + Ehr.PATIENT_ID + "&page=2");
        }
        return page;
    }

    @AfterEach
    void stopFhirServer() {
        server.stop(0);
    }

    @Test
    void keysNotPrefetchedAreReadFromTheFhirServerWithTheBearerTokenFollowingNextPages() {
        String request = Ehr.record().omit("patient", "conditions", "painScores", "procedures").hookRequest(base, TOKEN);

        given().contentType("application/json").body(request).when().post(CdsHooksResourceTest.SERVICE).then()
                .statusCode(200)
                .body("cards[0].indicator", equalTo("critical"))
                .body("cards[0].summary", startsWith("Urgent referral"));

        // The keys are fetched in parallel; the pages of one search in order.
        assertEquals(Set.of(
                "Patient/pat-42",
                "Condition?patient=pat-42&clinical-status=active,recurrence,relapse",
                "Condition?patient=pat-42&page=2",
                "Observation?patient=pat-42&code=http://loinc.org|72514-3&_sort=-date&_count=1",
                "Procedure?patient=pat-42&status=completed,in-progress,on-hold,preparation,stopped,unknown"), Set.copyOf(queries));
        assertEquals(5, queries.size());
        assertTrue(queries.indexOf("Condition?patient=pat-42&clinical-status=active,recurrence,relapse")
                < queries.indexOf("Condition?patient=pat-42&page=2"), queries::toString);
        assertTrue(authorizations.stream().allMatch(("Bearer " + TOKEN)::equals), authorizations::toString);
        String metrics = given().when().get("/q/metrics").then().extract().asString();
        assertTrue(metrics.contains("cds_fhir_fetch_seconds_count{outcome=\"ok\"}"), metrics);
        assertTrue(!metrics.contains(TOKEN) && !metrics.contains(Ehr.PATIENT_ID) && !metrics.contains(base),
                "no token, patient or server in the metrics");
    }

    @Test
    void onlyTheMissingKeysAreFetched() {
        String request = Ehr.record().condition(ICD10CM, "G57.01").omit("painScores").hookRequest(base, TOKEN);

        given().contentType("application/json").body(request).when().post(CdsHooksResourceTest.SERVICE).then()
                .statusCode(200)
                .body("cards[0].indicator", equalTo("warning"))
                .body("cards[0].summary", startsWith("If red-flag screening is negative: acupressure mat with caution. Wait for the acute intensity"));

        assertEquals(List.of("Observation?patient=pat-42&code=http://loinc.org|72514-3&_sort=-date&_count=1"), queries);
    }

    /** The EHR prefetched the first page of the conditions; the foot drop is on the second, on its FHIR server. */
    private Ehr firstPageOnly() {
        return Ehr.record().condition(ICD10CM, "M51.16").search("conditions", page -> page.addLink()
                .setRelation(Bundle.LINK_NEXT).setUrl(base + "/Condition?patient=" + Ehr.PATIENT_ID + "&page=2"));
    }

    @Test
    void aPrefetchedListWithMorePagesIsReadToItsEndFromTheFhirServer() {
        given().contentType("application/json").body(firstPageOnly().hookRequest(base, TOKEN))
                .when().post(CdsHooksResourceTest.SERVICE).then()
                .statusCode(200)
                .body("cards[0].summary", startsWith("Urgent referral"))
                .body("cards[0].detail", not(containsString("Not read")));

        assertEquals(List.of("Condition?patient=pat-42&page=2"), queries);
        assertTrue(authorizations.stream().allMatch(("Bearer " + TOKEN)::equals), authorizations::toString);
    }

    @Test
    void aPrefetchedListWithMorePagesAndNoServerToReadThemFromIsSaidIncompleteAndGivesNoPlan() {
        given().contentType("application/json").body(firstPageOnly().hookRequest())
                .when().post(CdsHooksResourceTest.SERVICE).then()
                .statusCode(200)
                .body("cards[0].indicator", equalTo("warning"))
                .body("cards[0].summary", allOf(
                        startsWith("If red-flag screening is negative: medical clearance required first. A record entry"),
                        endsWith(" Not read: part of a list."), matchesPattern("(?s).{1," + CardRenderer.MAX_SUMMARY + "}")))
                .body("cards[0].detail", startsWith("**Medical clearance required first.** "))
                .body("cards[0].detail", containsString(".\n\n**Not read from the record**\n\n- The list of conditions "
                        + "is incomplete (it has more pages than were sent): what is missing may be a red flag or a recent "
                        + "spinal surgery.\n"))
                .body("cards[0].detail", not(containsString("No red flag is on record")));

        assertEquals(List.of(), queries, "no server to read the other pages from");
    }

    @Test
    void aNextPageOnAnotherServerIsNotReadAndTheListIsSaidIncomplete() {
        String request = Ehr.record().condition(ICD10CM, "M51.16").search("conditions", page -> page.addLink()
                .setRelation(Bundle.LINK_NEXT).setUrl("https://elsewhere.example/fhir/Condition?page=2"))
                .hookRequest(base, TOKEN);

        given().contentType("application/json").body(request).when().post(CdsHooksResourceTest.SERVICE).then()
                .statusCode(200)
                .body("cards[0].detail", containsString("- The list of conditions is incomplete (its further pages "
                        + "could not be read: fetching them failed: the next page is on another server)"));

        assertEquals(List.of(), queries, "the token never leaves the EHR's server");
    }

    @Test
    void aFetchedPatientOtherThanTheOneInContextIs412() {
        String request = Ehr.record().condition(ICD10CM, "G57.01").inContextOf("pat-99").omit("patient")
                .hookRequest(base, TOKEN);

        given().contentType("application/json").body(request).when().post(CdsHooksResourceTest.SERVICE).then()
                .statusCode(412)
                .body("issue.expression.flatten()", contains("prefetch.patient"))
                .body("issue[0].diagnostics", containsString("another patient than context.patientId"));
    }

    @Test
    void aFhirServerThatFailsMakesThe412NameTheKeysAndTheReason() {
        status = 401;
        String request = Ehr.record().condition(ICD10CM, "G57.01").omit("procedures").hookRequest(base, TOKEN);

        given().contentType("application/json").body(request).when().post(CdsHooksResourceTest.SERVICE).then()
                .statusCode(412)
                .body("resourceType", equalTo("OperationOutcome"))
                .body("issue", hasSize(1))
                .body("issue[0].expression[0]", equalTo("prefetch.procedures"))
                .body("issue[0].diagnostics", containsString("the FHIR server answered HTTP 401"));
        given().when().get("/q/metrics").then().body(containsString("cds_fhir_fetch_seconds_count{outcome=\"http_error\"}"));
    }
}
