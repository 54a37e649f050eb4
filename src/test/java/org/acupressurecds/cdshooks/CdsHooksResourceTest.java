package org.acupressurecds.cdshooks;

import static io.restassured.RestAssured.given;
import static org.acupressurecds.cdshooks.Ehr.FINDING;
import static org.acupressurecds.cdshooks.Ehr.ICD10CM;
import static org.acupressurecds.cdshooks.Ehr.SNOMED;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import io.restassured.response.ValidatableResponse;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.acupressurecds.engine.RuleService;
import org.acupressurecds.fhir.FhirReading;
import org.acupressurecds.knowledge.Assessment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A CDS Hooks client's view: discovery, then patient-view calls with FHIR R4 prefetch for every kind of patient. */
@QuarkusTest
public class CdsHooksResourceTest {

    public static final String SERVICE = "/cds-services/acupressure-mat-sciatica";

    @Inject
    RuleService rules;
    @Inject
    Clock clock;

    /**
     * The card says the serving rules' own words for the record, as they answer it today: every reason and datum not
     * known, and with a plan its positions, protocol rows and warning signs. What those words are, and which rule says
     * them for which patient, is the rules' and their scenarios' (rules/scenarios), not this test's.
     */
    private void carriesTheRulesWords(ValidatableResponse card, Ehr ehr) {
        FhirReading reading = ehr.read(rules.current().codes(), clock.getZone(), LocalDate.now(clock));
        Assessment answer = reading.candidates().stream().map(rules::assess)
                .max(Assessment.MOST_CAUTIOUS).orElseThrow();
        List<String> words = new ArrayList<>();
        answer.reasons().forEach(r -> words.add(r.text()));
        answer.missingData().forEach(m -> words.add(m.reason()));
        if (answer.hasPlan()) {
            answer.positions().forEach(p -> words.addAll(List.of(p.name(), p.duration())));
            answer.protocol().forEach(w -> words.addAll(List.of(w.weeks(), w.sessionDuration(), w.frequency())));
            answer.warningSigns().forEach(w -> words.addAll(List.of(w.sign(), w.action())));
        }
        String detail = card.extract().path("cards[0].detail");
        words.forEach(text -> assertTrue(detail.contains(CardRenderer.escape(text)), () -> "the card does not say \""
                + text + "\":\n" + detail));
        assertTrue(detail.contains(answer.verdict().label()), detail);
    }

    public static ValidatableResponse call(Ehr ehr) {
        return given().contentType("application/json").body(ehr.hookRequest()).when().post(SERVICE).then();
    }

    public static ValidatableResponse oneCard(Ehr ehr, String indicator) {
        return call(ehr).statusCode(200).contentType("application/json")
                .body("cards", hasSize(1))
                .body("cards[0].indicator", equalTo(indicator))
                .body("cards[0].uuid", matchesPattern("[0-9a-f-]{36}"))
                .body("cards[0].summary.length()", lessThan(140))
                .body("cards[0].source.label", equalTo("Acupressure-mat CDS for sciatica"))
                .body("cards[0].source.topic.code", equalTo("acupressure-mat-sciatica"))
                .body("cards[0].detail", containsString("_Rule set "))
                // the spec requires a selection behaviour wherever a card has suggestions
                .body("cards[0]", anyOf(not(hasKey("suggestions")), hasEntry("selectionBehavior", "at-most-one")));
    }

    @Test
    void discoveryDescribesTheOnePatientViewServiceWithItsPrefetchTemplates() {
        given().when().get("/cds-services").then()
                .statusCode(200)
                .body("services", hasSize(1))
                .body("services[0].hook", equalTo("patient-view"))
                .body("services[0].id", equalTo("acupressure-mat-sciatica"))
                .body("services[0].title", not(emptyOrNullString()))
                .body("services[0].description", not(emptyOrNullString()))
                .body("services[0].usageRequirements", containsString("72514-3"))
                .body("services[0].prefetch.patient", equalTo("Patient/{{context.patientId}}"))
                .body("services[0].prefetch.conditions",
                        equalTo("Condition?patient={{context.patientId}}&clinical-status=active,recurrence,relapse"))
                .body("services[0].prefetch.painScores", equalTo(
                        "Observation?patient={{context.patientId}}&code=http://loinc.org|72514-3&_sort=-date&_count=1"))
                .body("services[0].prefetch.procedures", equalTo("Procedure?patient={{context.patientId}}"
                        + "&status=completed,in-progress,on-hold,preparation,stopped,unknown"));
    }

    @Test
    void leftPiriformisSyndromeGetsAnInfoCardWithTheSideLyingPositionOnTheLeft() {
        Ehr ehr = Ehr.record().condition(ICD10CM, "G57.02").painScore(4, 2);
        carriesTheRulesWords(oneCard(ehr, "info")
                .body("cards[0].summary", startsWith("If red-flag screening is negative: acupressure mat suitable."))
                .body("cards[0].detail", containsString("★★★★★ excellent"))
                .body("cards[0].detail", containsString("side: left"))
                .body("cards[0].detail", containsString("| Weeks | Session | Frequency | Positions | Focus |"))
                .body("cards[0].overrideReasons.code", not(hasItem("finding-not-present"))), ehr);
    }

    @Test
    void theCardLinksToThePhysiotherapistsPagePrefilledWithTheFactsItWasDecidedOn() {
        oneCard(Ehr.record().condition(ICD10CM, "M54.42").condition(ICD10CM, "M51.16").condition(ICD10CM, "M21.372", "active", "provisional")
                .painScore(6, 0), "critical")
                .body("cards[0].links", hasSize(1))
                .body("cards[0].links[0].label", equalTo("Open in the physiotherapist's page"))
                .body("cards[0].links[0].type", equalTo("absolute"))
                .body("cards[0].links[0].url", matchesPattern("http://cds\\.test/\\?sciaticaType=DISC_HERNIATION"
                        + "&redFlags=FOOT_DROP&painScore=6&laterality=LEFT"));
    }

    @Test
    void theLinkLeavesOutWhatHoldsOnlyOnItsOwnDateForThePageToAskToday() {
        oneCard(Ehr.record().condition(ICD10CM, "G57.01").condition(FINDING, "MEDICAL_CLEARANCE")
                .noted(null, LocalDate.now().minusDays(3)).painScore(6, 2), "info")
                .body("cards[0].links[0].url", not(containsString("painScore")))
                .body("cards[0].links[0].url", not(containsString("medicalClearance")))
                .body("cards[0].links[0].url", not(containsString("redFlagsScreened")));
    }

    @ParameterizedTest(name = "{0} {1} ({3}) gives a {2} card")
    @CsvSource({
        "http://hl7.org/fhir/sid/icd-10-cm, M46.1, info, sacroiliac joint dysfunction, ★★★★☆",
        "http://snomed.info/sct, 239815007, info, sacroiliac joint dysfunction, ★★★★☆",
        "http://hl7.org/fhir/sid/icd-10-cm, M51.16, warning, disc herniation, ★★★☆☆",
        "http://snomed.info/sct, 202708005, warning, disc herniation, ★★★☆☆",
        "http://hl7.org/fhir/sid/icd-10, M51.1, warning, disc herniation, ★★★☆☆",
        "http://hl7.org/fhir/sid/icd-10-cm, M48.062, warning, spinal stenosis, ★★☆☆☆",
        "http://snomed.info/sct, 18347007, warning, spinal stenosis, ★★☆☆☆",
        "http://hl7.org/fhir/sid/icd-10-cm, G57.00, info, piriformis syndrome, ★★★★★",
        "https://acupressure-cds.org/fhir/CodeSystem/sciatica-finding, LUMBAR_PARASPINAL_TENSION, info, lumbar paraspinal tension, ★★★★★",
    })
    void everySciaticaTypeIsRecognisedFromItsCodes(String system, String code, String indicator, String type, String stars) {
        oneCard(Ehr.record().condition(system, code).painScore(3, 5), indicator)
                .body("cards[0].detail", containsString(stars));
    }

    @ParameterizedTest(name = "sciatica coded only as {0} {1} is of unknown type")
    @CsvSource({"http://hl7.org/fhir/sid/icd-10-cm, M54.31", "http://hl7.org/fhir/sid/icd-10-cm, M54.40",
        "http://hl7.org/fhir/sid/icd-10-cm, M54.16", "http://hl7.org/fhir/sid/icd-10-cm, M54.17",
        "http://hl7.org/fhir/sid/icd-10, M54.3", "http://snomed.info/sct, 23056005"})
    void sciaticaOfUnknownTypeAsksForTheTypeToBeEstablished(String system, String code) {
        oneCard(Ehr.record().condition(system, code), "warning")
                .body("cards[0].summary", startsWith("If red-flag screening is negative: acupressure mat with caution. Establish the sciatica type"))
                .body("cards[0].detail", not(containsString("Expected response")));
    }

    @ParameterizedTest(name = "{0} {1} alone only suggests sciatica: no card")
    @CsvSource({"http://hl7.org/fhir/sid/icd-10-cm, M62.830", "http://hl7.org/fhir/sid/icd-10-cm, M53.3",
        "http://hl7.org/fhir/sid/icd-10, M53.3"})
    void codesThatOnlySuggestSciaticaGiveNoCard(String system, String code) {
        call(Ehr.record().condition(system, code)).statusCode(200).body("cards", empty());
    }

    @Test
    void lumbarRadiculopathyWithCaudaEquinaIsAnEmergency() {
        oneCard(Ehr.record().condition(ICD10CM, "M54.16").condition(ICD10CM, "G83.4"), "critical")
                .body("cards[0].summary", startsWith("Emergency: Send the patient to the emergency department now"))
                .body("cards[0].detail", containsString("decides the verdict: emergency."))
                .body("cards[0].detail", not(containsString("EMERGENCY")));
    }

    @ParameterizedTest(name = "{0} {1} a month ago needs clearance")
    @CsvSource({"http://www.ama-assn.org/go/cpt, 63047", "http://www.ama-assn.org/go/cpt, 22612",
        "http://www.ama-assn.org/go/cpt, 22857", "http://www.cms.gov/Medicare/Coding/ICD10, 0SB20ZZ",
        "http://www.cms.gov/Medicare/Coding/ICD10, 0SG00AJ", "http://www.cms.gov/Medicare/Coding/ICD10, 0SR40JZ",
        "http://www.cms.gov/Medicare/Coding/ICD10, 01NB4ZZ", "http://snomed.info/sct, 387731002"})
    void aRecentSpinalProcedureInAnyCodeSystemNeedsClearance(String system, String code) {
        oneCard(Ehr.record().condition(ICD10CM, "G57.01").procedure(system, code, LocalDate.now().minusMonths(1)),
                "warning")
                .body("cards[0].summary", startsWith("If red-flag screening is negative: medical clearance required first"))
                .body("cards[0].detail", not(containsString("6-week protocol")));
    }

    /** Whatever the flare threshold is, a decimal score answers as the whole score it rounds half up to. */
    @ParameterizedTest(name = "a pain score of {0} is read as {1}")
    @CsvSource({"8.5, 9", "7.5, 8", "7.4, 7"})
    void aDecimalPainScoreIsReadRoundedHalfUp(String score, int rounded) {
        var asDecimal = call(Ehr.record().condition(ICD10CM, "G57.01").painScore(score, 2)).statusCode(200)
                .body("cards[0].detail", not(containsString("A pain score was ignored")))
                .body("cards[0].detail", not(containsString("No pain score was given")))
                .extract().jsonPath();
        var asWhole = call(Ehr.record().condition(ICD10CM, "G57.01").painScore(rounded, 2)).statusCode(200)
                .extract().jsonPath();
        for (String part : List.of("cards[0].indicator", "cards[0].summary", "cards[0].detail")) {
            assertEquals(asWhole.getString(part), asDecimal.getString(part), part);
        }
    }

    @ParameterizedTest(name = "the side from {0}")
    @CsvSource({"a code with laterality (M54.32), M54.32, , left", "Condition.bodySite, M51.16, 7771000, left",
        "Condition.bodySite, M51.16, 62175007, right"})
    void theSideIsReadFromTheCodeOrTheBodySite(String source, String code, String bodySite, String side) {
        Ehr ehr = Ehr.record().condition(ICD10CM, code);
        if (bodySite != null) {
            ehr.bodySite(bodySite);
        }
        call(ehr.painScore(3, 2)).statusCode(200)
                .body("cards[0].links[0].url", containsString("laterality=" + side.toUpperCase()));
    }

    @Test
    void theBodySiteOfAnotherConditionSaysNothingOfTheSciaticasSide() {
        call(Ehr.record().condition(ICD10CM, "M51.16").condition(ICD10CM, "M17.12").bodySite("7771000")
                .painScore(3, 2)).statusCode(200)
                .body("cards[0].links[0].url", not(containsString("laterality=")));
    }

    @Test
    void aRedFlagOnRecordIsNotAskedAboutAgain() {
        Ehr ehr = Ehr.record().condition(ICD10CM, "M51.16").condition(ICD10CM, "M21.372");
        carriesTheRulesWords(oneCard(ehr, "critical")
                .body("cards[0].detail", not(containsString("and foot drop"))), ehr);
    }

    @Test
    void anEhrRecordIsNotSaidToHaveNoRedFlagsOnlyNoneOnRecord() {
        Ehr ehr = Ehr.record().condition(ICD10CM, "G57.01").painScore(3, 2);
        carriesTheRulesWords(oneCard(ehr, "info")
                .body("cards[0].detail", not(containsString("No red flag, recent spinal surgery or caution was found"))),
                ehr);
    }

    @Test
    void aCardWithAPlanCarriesWhenToStopAndSeekCare() {
        Ehr ehr = Ehr.record().condition(ICD10CM, "G57.01").painScore(3, 2);
        carriesTheRulesWords(oneCard(ehr, "info")
                .body("cards[0].detail", containsString("**When to stop and seek care**")), ehr);
    }

    @Test
    void aNamedTypeWinsOverSciaticaOfUnknownType() {
        oneCard(Ehr.record().condition(ICD10CM, "M54.32").condition(ICD10CM, "G57.02"), "info")
                .body("cards[0].detail", not(containsString("Conflicting")));
    }

    @Test
    void conflictingNamedTypesAreSaidAndTheMoreCautiousAnswerIsShown() {
        oneCard(Ehr.record().condition(ICD10CM, "G57.01").condition(SNOMED, "202708005"), "warning")
                .body("cards[0].detail", containsString("Conflicting sciatica types are coded (piriformis syndrome, disc herniation)"))
                .body("cards[0].detail", containsString("★★★☆☆"));
    }

    @ParameterizedTest(name = "{0} {1} is an emergency")
    @CsvSource({"http://hl7.org/fhir/sid/icd-10-cm, G83.4", "http://snomed.info/sct, 192970008",
        "http://hl7.org/fhir/sid/icd-10-cm, R32", "http://hl7.org/fhir/sid/icd-10-cm, R33.9",
        "http://hl7.org/fhir/sid/icd-10-cm, R33.8", "http://hl7.org/fhir/sid/icd-10, R33",
        "http://hl7.org/fhir/sid/icd-10-cm, N31.9", "http://hl7.org/fhir/sid/icd-10, R15",
        "http://hl7.org/fhir/sid/icd-10-cm, N31.2", "http://hl7.org/fhir/sid/icd-10, N31.1",
        "http://hl7.org/fhir/sid/icd-10-cm, R15.2",
        "http://snomed.info/sct, 165232002", "http://hl7.org/fhir/sid/icd-10-cm, R15.9",
        "http://snomed.info/sct, 72042002",
        "https://acupressure-cds.org/fhir/CodeSystem/sciatica-finding, SADDLE_ANESTHESIA"})
    void caudaEquinaCodesGiveACriticalEmergencyCardWithoutAPlan(String system, String code) {
        oneCard(Ehr.record().condition(ICD10CM, "G57.01").condition(system, code).painScore(9, 0), "critical")
                .body("cards[0].summary", startsWith("Emergency: Send the patient to the emergency department now"))
                .body("cards[0].overrideReasons.code", hasItems("already-managed", "finding-not-present"))
                .body("cards[0].detail", not(containsString("6-week protocol")))
                .body("cards[0].detail", not(containsString("Positions")));
    }

    @ParameterizedTest(name = "{0} {1} needs urgent referral")
    @CsvSource({"http://hl7.org/fhir/sid/icd-10-cm, M21.372", "http://hl7.org/fhir/sid/icd-10-cm, M21.379",
        "https://acupressure-cds.org/fhir/CodeSystem/sciatica-finding, PROGRESSIVE_LEG_WEAKNESS",
        "http://hl7.org/fhir/sid/icd-10-cm, G83.12", "http://hl7.org/fhir/sid/icd-10, G83.1",
        "https://acupressure-cds.org/fhir/CodeSystem/sciatica-finding, LEG_WEAKNESS", "http://snomed.info/sct, 6077001",
        "https://acupressure-cds.org/fhir/CodeSystem/sciatica-finding, PROGRESSIVE_NUMBNESS",
        "https://acupressure-cds.org/fhir/CodeSystem/sciatica-finding, FOOT_DROP"})
    void nerveRootCompressionCodesGiveACriticalUrgentReferralCard(String system, String code) {
        oneCard(Ehr.record().condition(ICD10CM, "M51.17").condition(system, code), "critical")
                .body("cards[0].summary", startsWith("Urgent referral: Stop mat use"))
                .body("cards[0].overrideReasons.code", hasItems("already-managed", "finding-not-present", "patient-declined"))
                .body("cards[0].overrideReasons.code", not(hasItem("not-applicable")));
    }

    @Test
    void provisionalRedFlagCountsAndIsCalledSuspected() {
        oneCard(Ehr.record().condition(ICD10CM, "G57.01").condition(ICD10CM, "M21.371", "active", "provisional"), "critical")
                .body("cards[0].detail", containsString("Suspected Foot drop, right foot (recorded as provisional or differential) counts as a red flag."));
    }

    @Test
    void differentialRedFlagCounts() {
        oneCard(Ehr.record().condition(ICD10CM, "G57.01").condition(SNOMED, "192970008", "active", "differential"), "critical");
    }

    @ParameterizedTest(name = "a red flag that is {0}/{1} is ignored")
    @CsvSource({"active, refuted", "active, entered-in-error", "resolved, confirmed", "inactive, confirmed"})
    void redFlagsThatAreRefutedOrNoLongerActiveAreIgnored(String clinical, String verification) {
        oneCard(Ehr.record().condition(ICD10CM, "G57.01").condition(ICD10CM, "R32", clinical, verification)
                .painScore(3, 2), "info");
    }

    @Test
    void resolvedSciaticaIsNoSciatica() {
        call(Ehr.record().condition(ICD10CM, "G57.01", "resolved", "confirmed")).statusCode(200).body("cards", empty());
    }

    @Test
    void spinalSurgeryTwoMonthsAgoNeedsClearance() {
        oneCard(Ehr.record().condition(ICD10CM, "M51.16").procedure("387731002", LocalDate.now().minusMonths(2)), "warning")
                .body("cards[0].summary", startsWith("If red-flag screening is negative: medical clearance required first. Do not start the mat"));
    }

    @Test
    void spinalSurgeryWithAMedicalClearanceRecordedAfterItAllowsThePlan() {
        oneCard(Ehr.record().condition(ICD10CM, "G57.01").condition(FINDING, "MEDICAL_CLEARANCE")
                .noted(null, LocalDate.now().minusMonths(1))
                .procedure("178625001", LocalDate.now().minusMonths(2)).painScore(2, 2), "info")
                .body("cards[0].summary", startsWith("If red-flag screening is negative: acupressure mat suitable. Follow the plan below within the limits"));
    }

    @Test
    void aClearanceRecordedTwoYearsAgoDoesNotClearAFusionDoneLastMonth() {
        Ehr ehr = Ehr.record().condition(ICD10CM, "M51.16").condition(FINDING, "MEDICAL_CLEARANCE")
                .noted(null, LocalDate.now().minusYears(2))
                .procedure("http://www.ama-assn.org/go/cpt", "22612", LocalDate.now().minusMonths(1)).painScore(2, 2);
        carriesTheRulesWords(oneCard(ehr, "warning")
                .body("cards[0].summary", startsWith("If red-flag screening is negative: medical clearance required first."))
                .body("cards[0].detail", not(containsString("6-week protocol"))), ehr);
    }

    @Test
    void aClearanceWithoutADateDoesNotClearARecentSurgery() {
        Ehr ehr = Ehr.record().condition(ICD10CM, "M51.16").condition(FINDING, "MEDICAL_CLEARANCE")
                .procedure("http://www.ama-assn.org/go/cpt", "63047", LocalDate.now().minusMonths(1));
        carriesTheRulesWords(oneCard(ehr, "warning"), ehr);
    }

    @Test
    void anEighteenMonthOldPainScoreIsNotTodaysPain() {
        Ehr ehr = Ehr.record().condition(ICD10CM, "G57.01").painScore(9, 548);
        carriesTheRulesWords(oneCard(ehr, "info")
                .body("cards[0].detail", containsString("The latest pain score is 548 days old, so it is not taken as "
                        + "today's pain")), ehr);
    }

    @Test
    void aPainScoreIsDatedInTheClinicalTimeZoneNotInItsOwnOffset() {
        // 06:00 seven days ago here is 20:00 eight days ago at UTC-10: read in its own offset it would be too old.
        java.time.OffsetDateTime taken = LocalDate.now().minusDays(7).atTime(6, 0)
                .atZone(java.time.ZoneId.systemDefault()).toOffsetDateTime()
                .withOffsetSameInstant(java.time.ZoneOffset.ofHours(-10));
        Ehr ehr = Ehr.record().condition(ICD10CM, "G57.01")
                .painScore(9, taken.format(java.time.format.DateTimeFormatter.ISO_OFFSET_DATE_TIME));
        carriesTheRulesWords(oneCard(ehr, "warning"), ehr);
    }

    @Test
    void aBladderCodeRecordedDecadesAgoGivesAWarningThatAsksWhetherTheChangeIsNew() {
        oneCard(Ehr.record().condition(ICD10CM, "G57.01").condition(ICD10CM, "R32").noted(LocalDate.of(1996, 3, 1),
                LocalDate.of(1998, 5, 4)).painScore(3, 1), "warning")
                .body("cards[0].summary", startsWith("Medical clearance required first: Ask whether the bladder problem is new"))
                .body("cards[0].detail", not(containsString("6-week protocol")))
                .body("cards[0].detail", not(containsString("Positions")));
    }

    @Test
    void aBladderCodeRecordedLastWeekIsAnEmergencyHoweverOldItsOnset() {
        oneCard(Ehr.record().condition(ICD10CM, "G57.01").condition(ICD10CM, "R33.8").noted(LocalDate.of(2001, 1, 1),
                LocalDate.now().minusDays(7)), "critical")
                .body("cards[0].summary", startsWith("Emergency: Send the patient to the emergency department now"));
    }

    @Test
    void anOldAndARecentCodeForTheSameSignAreAnEmergency() {
        oneCard(Ehr.record().condition(ICD10CM, "G57.01")
                .condition(ICD10CM, "R15.9").noted(null, LocalDate.of(2010, 6, 1))
                .condition(SNOMED, "72042002").noted(null, LocalDate.now().minusDays(3)), "critical");
    }

    @Test
    void spinalSurgeryAYearAgoIsNoLongerAConcern() {
        oneCard(Ehr.record().condition(ICD10CM, "G57.01").procedure("55705006", LocalDate.now().minusYears(1))
                .painScore(2, 2), "info")
                .body("cards[0].detail", not(containsString("whether the patient had spinal surgery")));
    }

    @Test
    void newestPainScoreOfNineIsAnAcuteFlare() {
        oneCard(Ehr.record().condition(ICD10CM, "G57.01").painScore(3, 30).painScore(9, 1), "warning")
                .body("cards[0].summary", startsWith("If red-flag screening is negative: acupressure mat with caution. Wait for the acute intensity"))
                .body("cards[0].detail", containsString("DoSensePro"));
    }

    @Test
    void largeHerniationWithImpingementIsACaution() {
        oneCard(Ehr.record().condition(ICD10CM, "M51.26").condition(SNOMED, "299966003"), "warning")
                .body("cards[0].detail", containsString("adjunctive"));
    }

    @Test
    void patientWithoutSciaticaGetsNoCards() {
        call(Ehr.record().condition(ICD10CM, "I10")).statusCode(200).body("cards", empty());
    }

    @Test
    void nullConditionsMeanTheEhrHasNoneSoThereIsNoCard() {
        call(Ehr.record().nullPrefetch("conditions")).statusCode(200).body("cards", empty());
    }

    @Test
    void nullPainScoresAreEvaluatedAndSaidToBeMissing() {
        Ehr ehr = Ehr.record().condition(ICD10CM, "G57.01").nullPrefetch("painScores").nullPrefetch("procedures");
        carriesTheRulesWords(oneCard(ehr, "info"), ehr);
    }

    @Test
    void operationOutcomeForPainScoresIsMissingDataNeverNo() {
        Ehr ehr = Ehr.record().condition(ICD10CM, "G57.01").unavailable("painScores");
        carriesTheRulesWords(oneCard(ehr, "info")
                .body("cards[0].detail", containsString("Pain scores could not be read (the EHR returned an "
                        + "OperationOutcome: timeout)")), ehr);
    }

    @Test
    void operationOutcomeForConditionsGivesAWarningThatNothingCouldBeChecked() {
        oneCard(Ehr.record().unavailable("conditions"), "warning")
                .body("cards[0].summary", equalTo("Acupressure-mat check not possible: the patient's conditions could not be read"))
                .body("cards[0].detail", containsString("the EHR returned an OperationOutcome: timeout"))
                .body("cards[0].detail", not(containsString("Search timed out")));
    }

    /** The 412 is a FHIR resource the service emits, so it is valid R4 too. */
    @Test
    void missingPrefetchWithoutAFhirServerIs412NamingTheKeys() {
        String outcome = given().contentType("application/json").body(Ehr.record().condition(ICD10CM, "G57.01")
                        .omit("painScores", "procedures").hookRequest())
                .when().post(SERVICE).then()
                .statusCode(412)
                .contentType("application/fhir+json")
                .body("resourceType", equalTo("OperationOutcome"))
                .body("issue.expression.flatten()", contains("prefetch.painScores", "prefetch.procedures"))
                .body("issue[0].diagnostics", containsString("no fhirServer was given"))
                .extract().asString();
        org.junit.jupiter.api.Assertions.assertEquals(java.util.List.of(), R4Validator.errors(outcome), outcome);
    }

    @Test
    void aPrefetchedPatientOtherThanTheOneInContextIs412() {
        given().contentType("application/json").body(Ehr.record().condition(ICD10CM, "G57.01").inContextOf("pat-99")
                        .hookRequest())
                .when().post(SERVICE).then()
                .statusCode(412)
                .contentType("application/fhir+json")
                .body("issue.expression.flatten()", contains("prefetch.patient"))
                .body("issue[0].diagnostics", containsString("another patient than context.patientId"))
                .body("issue[0].diagnostics", allOf(not(containsString("pat-99")), not(containsString(Ehr.PATIENT_ID))));
    }

    /** Cauda equina syndrome coded for another patient changes nothing but the count, said on the card. */
    @Test
    void whatTheReaderSetAsideIsSaidAtTheEndOfTheSummaryAndRightAfterTheVerdict() {
        Ehr record = Ehr.record().condition(ICD10CM, "G57.02").painScore(3, 0).condition(ICD10CM, "G83.4");
        ((org.hl7.fhir.r4.model.Condition) record.last("conditions"))
                .setSubject(new org.hl7.fhir.r4.model.Reference("Patient/someone-else"));

        oneCard(record, "info")
                .body("cards[0].summary", allOf(startsWith("If red-flag screening is negative: acupressure mat suitable."),
                        endsWith(" Not read: 1 record entry.")))
                .body("cards[0].detail", matchesPattern("(?s)\\*\\*Acupressure mat suitable\\.\\*\\* [^\\n]*\\n\\n"
                        + "\\*\\*Not read from the record\\*\\*\\n\\n- 1 Condition was for another patient and was "
                        + "left out\\.\\n.*"));
    }

    @Test
    void unknownCodeOfTheProjectsCodeSystemIsRejected() {
        given().contentType("application/json").body(Ehr.record().condition(FINDING, "PIRIFORMIS").hookRequest())
                .when().post(SERVICE).then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("prefetch.conditions"))
                .body("errors[0].message", containsString("'PIRIFORMIS' is not a code of"));
    }

    @Test
    void malformedHookCallNamesEveryBadField() {
        given().contentType("application/json").body("""
                {"hook":"order-select","hookInstance":"not-a-uuid","context":{"userId":"Practitioner/1"},
                 "fhirServer":"ftp://ehr","prefetch":{"allergies":null}}""")
                .when().post(SERVICE).then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", containsInAnyOrder("hook", "hookInstance", "context.patientId", "fhirServer"));
    }

    /**
     * Shaped as the specification's own example: context fields, extensions, authorization fields and prefetch keys
     * this service does not use are ignored, as CDS Hooks asks; what is missing is read from the FHIR server.
     */
    @Test
    void aRequestShapedAsTheSpecsExampleIsServedWhateverItAddsThatThisServiceDoesNotUse() throws Exception {
        com.sun.net.httpserver.HttpServer fhir = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        java.util.List<String> asked = new java.util.concurrent.CopyOnWriteArrayList<>();
        fhir.createContext("/fhir", exchange -> {
            asked.add(exchange.getRequestURI().getPath());
            byte[] body = "{\"resourceType\":\"Bundle\",\"type\":\"searchset\",\"total\":0}".getBytes();
            exchange.getResponseHeaders().add("Content-Type", "application/fhir+json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        fhir.start();
        try {
            given().contentType("application/json").body("""
                    {"hookInstance":"d1577c69-dfbe-44ad-ba6d-3e05e953b2ea",
                     "fhirServer":"http://127.0.0.1:%d/fhir",
                     "hook":"patient-view",
                     "fhirAuthorization":{"access_token":"some-opaque-fhir-access-token","token_type":"Bearer",
                       "expires_in":300,"scope":"user/Patient.read user/Observation.read","subject":"cds-service4",
                       "patient":"1288992","refresh_token":"not-for-us"},
                     "context":{"userId":"Practitioner/example","patientId":"1288992","encounterId":"89284",
                       "appointments":{"resourceType":"Bundle"}},
                     "extension":{"com.example.timestamp":"2017-11-27T22:13:25Z"},
                     "prefetch":{"patientToGreet":{"resourceType":"Patient","gender":"male","birthDate":"1925-12-23",
                       "id":"1288992","active":true}},
                     "com.example.vendor":{"anything":1}}""".formatted(fhir.getAddress().getPort()))
                    .when().post(SERVICE).then()
                    .statusCode(200)
                    .body("cards", empty());
            assertEquals(4, asked.size(), asked::toString);
        } finally {
            fhir.stop(0);
        }
    }

    @Test
    void prefetchThatIsNotFhirIsRejected() {
        given().contentType("application/json").body("""
                {"hook":"patient-view","hookInstance":"d1577c69-dfbe-44ad-ba6d-3e05e953b2ea",
                 "context":{"userId":"Practitioner/1","patientId":"p1"},
                 "prefetch":{"patient":{"resourceType":"Patient"},"conditions":{"resourceType":"Patient"},
                             "painScores":null,"procedures":{"hello":"world"}}}""")
                .when().post(SERVICE).then()
                .statusCode(400)
                .body("errors.field", hasItem(anyOf(equalTo("prefetch.conditions"), equalTo("prefetch.procedures"))));
    }

    @Test
    void unknownServiceIs404() {
        given().contentType("application/json").body(Ehr.record().hookRequest())
                .when().post("/cds-services/another-service").then()
                .statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void browserClientsMayCallFromAnotherOrigin() {
        given().header("Origin", "https://sandbox.cds-hooks.org")
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization,content-type")
                .when().options(SERVICE).then()
                .statusCode(anyOf(is(200), is(204)))
                .header("Access-Control-Allow-Origin", anyOf(equalTo("*"), equalTo("https://sandbox.cds-hooks.org")))
                .header("Access-Control-Allow-Methods", containsString("POST"));
    }
}
