package org.acupressurecds.ruleset;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With the service running, the command-line check asks it for the impact (--service): the service replays its own
 * record against the author's folder, which it holds open.
 */
@QuarkusTest
class ServiceImpactTest {

    @TestHTTPResource("/")
    URL service;

    @Test
    void theRunningServiceReplaysItsRecordAgainstTheAuthorsFolder(@TempDir Path temp) throws Exception {
        given().contentType("application/json")
                .body("{\"sciaticaType\":\"PIRIFORMIS_SYNDROME\",\"redFlags\":[],\"painScore\":7}")
                .when().post("/api/v1/assessments").then().statusCode(200);
        Path draft = temp.resolve("draft");
        RulesFolder.copyTo(draft);
        Files.writeString(draft.resolve(RulesFolder.DRAFT_FILE), RulesFolder.DRAFT);
        ByteArrayOutputStream printed = new ByteArrayOutputStream();

        int exit = RuleCheck.run(new String[] {"check", draft.toString(), "--impact", "P30D", "--service",
                service.toString()}, new PrintStream(printed, true, StandardCharsets.UTF_8), () -> {
                    throw new AssertionError("the local store is not read when the service is asked");
                });

        String output = printed.toString(StandardCharsets.UTF_8);
        assertEquals(1, exit, "the draft has no @source, and is replayed all the same: " + output);
        assertTrue(output.matches("(?s).*\nImpact over P30D: \\d+ recorded decision\\(s\\) replayed in \\d+ ms; [1-9]\\d* "
                + "would change verdict\n.*"), output);
        assertTrue(output.contains(" → EMERGENCY: "), output);
        assertTrue(output.contains("      newly fires:     " + RulesFolder.DRAFT_RULE), output);
        assertTrue(output.contains("  would newly fire in "), output);
    }

    @Test
    void aServiceThatCannotBeReachedIsSaid(@TempDir Path temp) {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();

        int exit = RuleCheck.run(new String[] {"check", "rules", "--impact", "P30D", "--service", "http://127.0.0.1:9"},
                new PrintStream(printed, true, StandardCharsets.UTF_8), () -> null);

        String output = printed.toString(StandardCharsets.UTF_8);
        assertEquals(3, exit, output);
        assertTrue(output.contains("The impact cannot be computed: the service at http://127.0.0.1:9 cannot be "
                + "reached"), output);
    }
}
