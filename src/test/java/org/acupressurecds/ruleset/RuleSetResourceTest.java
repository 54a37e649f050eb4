package org.acupressurecds.ruleset;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.acupressurecds.BesideTheService;
import org.acupressurecds.engine.RuleSetLoader;
import org.acupressurecds.engine.RulesSnapshot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * The rule author's endpoints on the running service. The runaway draft's end is measured on this whole process,
 * so no {@link BesideTheService} class runs meanwhile.
 */
@QuarkusTest
@ResourceLock(BesideTheService.SECOND_CORE)
class RuleSetResourceTest {

    @Inject
    CheckProcess checks;

    /** The line of the first occurrence, so a test does not break when an author edits the bundled rules. */
    private static int lineOf(String text, String needle) {
        return (int) text.substring(0, text.indexOf(needle)).chars().filter(c -> c == '\n').count() + 1;
    }

    private static String positionsWith(String from, String to) throws Exception {
        String text = Files.readString(Path.of("rules/positions.drl"));
        return text.replace(from, to);
    }

    @Test
    void catalogueListsTheServingVersionItsFilesAndEveryRuleWithFileLineAndSource() throws Exception {
        int line = lineOf(Files.readString(Path.of("rules/positions.drl")), "rule \"Referred leg pain adds the leg position\"");
        given().when().get("/api/v1/ruleset").then()
                .statusCode(200)
                .body("version", matchesPattern("[0-9a-f]{16}"))
                .body("loadedAt", notNullValue())
                .body("files", hasItems("positions.drl", "verdict.drl", "codes/sciatica-codes.csv"))
                .body("rules.size()", greaterThan(50))
                .body("rules.find { it.name == 'Referred leg pain adds the leg position' }.file", equalTo("rules/positions.drl"))
                .body("rules.find { it.name == 'Referred leg pain adds the leg position' }.line", equalTo(line))
                .body("rules.find { it.name == 'Referred leg pain adds the leg position' }.source",
                        equalTo(new RuleSetLoader().load(Path.of("rules")).sourceOf("Referred leg pain adds the leg position")))
                .body("rules.source", everyItem(not(emptyOrNullString())))
                .body("rules.cites", everyItem(not(emptyOrNullString())))
                .body("rules.find { it.name == 'Referred leg pain adds the leg position' }.cites",
                        startsWith("Can I use acupressure mat on my leg for sciatica? Yes — lying with the back"))
                .body("guideCoverage.uncited.heading", hasItem("The Piriformis Connection"))
                .body("lastReload.status", anyOf(equalTo("SERVED"), equalTo("UNCHANGED")));
    }

    @Test
    void validateAnswersTheProblemsOfADraftWithoutServingIt() throws Exception {
        String serving = given().when().get("/api/v1/ruleset").then().extract().path("version");

        String draft = positionsWith("PatientFacts( sedentaryWork == true )", "PatientFacts( sedentryWork == true )");
        given().contentType("application/json")
                .body(Map.of("files", Map.of("positions.drl", draft)))
                .when().post("/api/v1/ruleset/validate").then()
                .statusCode(200)
                .body("valid", equalTo(false))
                .body("problems[0].file", equalTo("rules/positions.drl"))
                .body("problems[0].line", equalTo(lineOf(draft, "sedentryWork")))
                .body("problems[0].message", containsString("sedentryWork"));

        given().when().get("/api/v1/ruleset").then().body("version", equalTo(serving));
    }

    /** A command hidden by quoting is refused by validate, and never runs. */
    @ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.MethodSource("org.acupressurecds.ruleset.QuotingTricksTest#tricks")
    void aCommandHiddenByQuotingIsRefusedByValidate(String trick, @org.junit.jupiter.api.io.TempDir Path temp) {
        given().contentType("application/json").body(Map.of("files", Map.of("trick.drl",
                        QuotingTricksTest.trickFile(trick, temp))))
                .when().post("/api/v1/ruleset/validate").then()
                .statusCode(200)
                .body("valid", equalTo(false))
                .body("problems[0].file", equalTo("rules/trick.drl"));

        assertFalse(Files.exists(temp.resolve("canary")), "the command ran");
    }

    /**
     * A draft that runs away is checked in a process of its own: the validate answers, the process that ran the
     * draft is ended, and the service's CPU goes back to idle, so nothing of the draft keeps running.
     */
    @Test
    void aDraftThatRunsAwayIsStoppedAndNothingKeepsRunning() throws Exception {
        given().contentType("application/json").body(Map.of("files", Map.of(Runaway.FILE, Runaway.DRAFT)))
                .when().post("/api/v1/ruleset/validate").then()
                .statusCode(200)
                .body("valid", equalTo(false));

        Runaway.assertCheckerEnded(checks);
        Runaway.assertBackToIdle();
        given().when().get("/q/health/ready").then().statusCode(200);
    }

    @Test
    void validateRunsTheScenariosOnTheDraft() throws Exception {
        given().contentType("application/json")
                .body(Map.of("files", Map.of("positions.drl",
                        positionsWith("PatientFacts( sedentaryWork == true )", "PatientFacts( referredLegPain == true )"))))
                .when().post("/api/v1/ruleset/validate").then()
                .statusCode(200)
                .body("valid", equalTo(false))
                .body("problems[0].file", equalTo("rules/scenarios/positions.yaml"))
                .body("problems[0].message", containsString("position SEATED_GLUTEAL is missing"));
    }

    @Test
    void validateAcceptsAGoodDraftAndNamesItsVersion() throws Exception {
        given().contentType("application/json")
                .body(Map.of("files", Map.of("positions.drl", positionsWith("\"15-20 minutes\", 15, 20,", "\"15-20 minutes\", 15, 20, // ok"))))
                .when().post("/api/v1/ruleset/validate").then()
                .statusCode(200)
                .body("valid", equalTo(true))
                .body("version", matchesPattern("[0-9a-f]{16}"))
                .body("problems", empty())
                .body("diff.scenariosChanged", equalTo(0))
                .body("diff.grid.verdictsChanged", equalTo(0));
    }

    @Test
    void validateAnswersEveryScenarioWithTheServingRulesAndTheDraftSideBySideAndTheVerdictsThatChange() throws Exception {
        String serving = given().when().get("/api/v1/ruleset").then().extract().path("version");

        var diff = given().contentType("application/json")
                .body(Map.of("files", Map.of(RulesFolder.DRAFT_FILE, RulesFolder.DRAFT)))
                .when().post("/api/v1/ruleset/validate").then()
                .statusCode(200)
                .body("valid", equalTo(false))
                .body("diff.servingVersion", equalTo(serving))
                .body("diff.scenarios.size()", equalTo(ScenarioFiles.read(RulesSnapshot.read(Path.of("rules"))).size()))
                .body("diff.scenarios.findAll { it.changed }.newlyFiring", everyItem(hasItem(RulesFolder.DRAFT_RULE)))
                .body("diff.scenarios.findAll { it.changed }.draft.verdict", everyItem(equalTo("EMERGENCY")))
                .body("diff.scenarios.findAll { !it.changed }.newlyFiring", everyItem(empty()))
                .body("diff.scenarios.draft", everyItem(not(hasKey("rulesFired"))))
                .body("diff.grid.patients", equalTo(4536))
                .body("diff.grid.transitions.to", everyItem(equalTo("EMERGENCY")))
                .body("diff.grid.transitions.examples.flatten().patient", everyItem(containsString(", pain 7, ")))
                .extract().jsonPath();
        assertEquals(diff.getInt("diff.scenariosChanged"), diff.getList("diff.scenarios.findAll { it.changed }").size());
        List<Boolean> changed = diff.getList("diff.scenarios.changed", Boolean.class);
        assertEquals(changed.stream().sorted(Comparator.reverseOrder()).toList(), changed, "the changed come first");
        assertEquals(diff.getInt("diff.grid.verdictsChanged"), diff.getList("diff.grid.transitions.count", Integer.class)
                .stream().mapToInt(Integer::intValue).sum());
        assertTrue(diff.getInt("diff.grid.verdictsChanged") > 0);
    }

    /** A draft may hold scenarios, code tables and policies too, by their path in the rules folder. */
    @Test
    void validateTakesADraftScenarioFileAndMarksTheScenariosEdited() throws Exception {
        String scenarios = Files.readString(Path.of("rules/scenarios/positions.yaml"));
        String name = "Desk work or travel adds the seated gluteal position";
        String edited = scenarios.replace("- name: " + name + "\n  patient: {sciaticaType: SACROILIAC_JOINT_DYSFUNCTION",
                "- name: " + name + "\n  patient: {sciaticaType: PIRIFORMIS_SYNDROME");

        given().contentType("application/json").body(Map.of("files", Map.of("scenarios/positions.yaml", edited)))
                .when().post("/api/v1/ruleset/validate").then()
                .statusCode(200)
                .body("valid", equalTo(true))
                .body("diff.scenariosEdited", equalTo(1))
                .body("diff.scenarios[0].name", equalTo(name))
                .body("diff.scenarios[0].edited", equalTo(true))
                .body("diff.scenarios[0].scenarioDiff", containsString("+  patient: {sciaticaType: PIRIFORMIS_SYNDROME"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"../outside.drl", "scenarios/x.json", "codes/sub/x.csv", "other.yaml"})
    void aDraftFileOutsideTheRulesFolderShapeIsRefusedByName(String name) {
        given().contentType("application/json").body(Map.of("files", Map.of(name, "x")))
                .when().post("/api/v1/ruleset/validate").then()
                .statusCode(400)
                .body("errors[0].field", equalTo("files." + name))
                .body("errors[0].message", containsString("a scenario file (scenarios/positions.yaml), a code table "
                        + "(codes/sciatica-codes.csv) or policies.yaml"));
    }

    /** Drafts that try to reach the host: each is refused at its line, none runs, and the service stays healthy. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            Runtime                | Runtime.getRuntime().exec("touch /tmp/acupressure-cds-pwned");           | 'Runtime' is not something rules may use
            System.exit            | System.exit(0);                                                          | 'System' is not something rules may use
            reflection             | "x".getClass().forName("java.lang.Runtime");                             | '.getClass(...)' is not something rules may call
            file access            | new java.io.File("/tmp/acupressure-cds-pwned").createNewFile();          | 'new' is used only for the fact insertLogical concludes
            an endless loop        | while (true) { }                                                         | loops are not allowed in rule files
            """)
    void aDraftThatReachesTheHostIsRefusedAndNothingRuns(String attempt, String consequence, String expected)
            throws Exception {
        String draft = positionsWith("insertLogical( new Position( PositionId.LUMBAR_GLUTEAL_SUPINE,",
                consequence + "\n    insertLogical( new Position( PositionId.LUMBAR_GLUTEAL_SUPINE,");

        given().contentType("application/json").body(Map.of("files", Map.of("positions.drl", draft)))
                .when().post("/api/v1/ruleset/validate").then()
                .statusCode(200)
                .body("valid", equalTo(false))
                .body("problems.message", hasItem(startsWith(expected)))
                .body("problems.find { it.message.startsWith(\"" + expected.replace("'", "\\'") + "\") }.line",
                        equalTo(lineOf(draft, consequence)));

        assertFalse(Files.exists(Path.of("/tmp/acupressure-cds-pwned")), attempt + " ran");
        given().when().get("/q/health/ready").then().statusCode(200);
    }

    @Test
    void validateRejectsFileNamesOutsideTheRulesFolder() {
        given().contentType("application/json").body(Map.of("files", Map.of("../evil.drl", "package rules;")))
                .when().post("/api/v1/ruleset/validate").then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("files.../evil.drl"));
    }

    @Test
    void reloadOfUnchangedRulesIsANoOp() {
        given().contentType("application/json").when().post("/api/v1/ruleset/reload").then()
                .statusCode(200)
                .body("status", equalTo("UNCHANGED"))
                .body("candidateVersion", matchesPattern("[0-9a-f]{16}"));
    }
}
