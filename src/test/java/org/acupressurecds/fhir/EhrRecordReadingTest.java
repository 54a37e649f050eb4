package org.acupressurecds.fhir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.acupressurecds.BesideTheService;
import org.acupressurecds.cdshooks.Ehr;
import org.acupressurecds.engine.CodeSystems;
import org.acupressurecds.engine.Evaluator;
import org.acupressurecds.engine.RuleSet;
import org.acupressurecds.engine.RuleSetException;
import org.acupressurecds.engine.RuleSetLoader;
import org.acupressurecds.knowledge.Assessment;
import org.acupressurecds.knowledge.PatientFacts;
import org.acupressurecds.knowledge.Reason;
import org.acupressurecds.knowledge.RedFlag;
import org.acupressurecds.knowledge.Verdict;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.InstantType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.StringType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * How the reader reads an EHR record, at the FHIR level: a real Synthea patient (ids as urn:uuid references, long
 * histories) with sciatica coded today, plus the one entry each case is about, in the forms EHRs send. Every entry is
 * read or set aside with its reason; what it cannot read gives no plan. The prefetch is cut and parsed as the service
 * cuts and parses it, and the bundled rules decide.
 */
@BesideTheService
class EhrRecordReadingTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 12, 4);
    private static final ZoneId ZONE = ZoneId.of("Europe/Berlin");
    private static final Path SYNTHEA = Path.of("src/test/resources/fhir-samples/synthea-r4/"
            + "Alberto_Atencio_fc712d1f-5a2e-4407-9c55-a2a2bad623c2.json");
    private static final RuleSet RULES = rules();
    /** The rule that says no red flag is on record: it must not speak for a record that could not be read whole. */
    private static final String NOTHING_AGAINST_THE_MAT = "Sciatica with no finding against the mat is suitable";
    private static final String SNOMED = CodeSystems.SNOMED;
    private static final String ICD10CM = CodeSystems.ICD10CM;

    private static RuleSet rules() {
        try {
            return new RuleSetLoader().load(Path.of("rules"));
        } catch (RuleSetException e) {
            throw new AssertionError(e.getMessage(), e);
        }
    }

    /** A real patient, with piriformis sciatica on the left coded today and today's pain of 3 (a date, no time). */
    private static Ehr withSciatica() throws Exception {
        Ehr ehr = sciaticaOnly();
        ehr.with(painScore(3, new DateTimeType(TODAY.toString()), subjectOf(ehr)));
        return ehr;
    }

    /** The real patient with sciatica coded today, and only the record's own pain scores, years old. */
    private static Ehr sciaticaOnly() throws Exception {
        return Ehr.of(Ehr.FHIR.newJsonParser().parseResource(Bundle.class, Files.readString(SYNTHEA)))
                .condition(ICD10CM, "G57.02");
    }

    private static Reference subjectOf(Ehr ehr) {
        return new Reference("urn:uuid:" + ehr.patientId());
    }

    private static FhirReading read(Ehr ehr) {
        return ehr.read(RULES.codes(), ZONE, TODAY);
    }

    private static PatientFacts facts(Ehr ehr) {
        FhirReading reading = read(ehr);
        assertEquals(1, reading.candidates().size(), "one reading of the record");
        return reading.candidates().get(0);
    }

    private static Assessment assess(Ehr ehr) {
        return new Evaluator().evaluate(RULES, facts(ehr));
    }

    private static Condition condition(Ehr ehr, String system, String code) {
        Condition c = new Condition();
        c.setId("case-condition");
        c.setSubject(subjectOf(ehr));
        c.setClinicalStatus(concept("http://terminology.hl7.org/CodeSystem/condition-clinical", "active"));
        c.setCode(system == null ? new CodeableConcept() : concept(system, code));
        return c;
    }

    private static Procedure procedure(Ehr ehr, String system, String code, String status) {
        Procedure p = new Procedure();
        p.setId("case-procedure");
        p.setSubject(subjectOf(ehr));
        p.setStatus(Procedure.ProcedureStatus.fromCode(status));
        p.setCode(concept(system, code));
        return p;
    }

    private static Observation painScore(int value, org.hl7.fhir.r4.model.Type effective, Reference subject) {
        Observation o = new Observation();
        o.setStatus(Observation.ObservationStatus.FINAL);
        o.setCode(concept("http://loinc.org", "72514-3"));
        o.setSubject(subject);
        o.setEffective(effective);
        o.setValue(new IntegerType(value));
        return o;
    }

    private static CodeableConcept concept(String system, String code) {
        return new CodeableConcept().addCoding(new Coding(system, code, null));
    }

    private static void assertNoPlanAndNoWordOfNoRedFlag(Assessment answer) {
        assertFalse(answer.hasPlan(), "no plan");
        assertFalse(Verdict.CLEARANCE_REQUIRED.isMoreSevereThan(answer.verdict()),
                () -> "at least clearance required, not " + answer.verdict());
        assertTrue(answer.reasons().stream().map(Reason::rule).noneMatch(NOTHING_AGAINST_THE_MAT::equals),
                () -> answer.reasons().toString());
    }

    // 1. Declared once

    @Test
    void discoveryTheCutAndTheReaderReadTheSameDeclaration() {
        assertEquals(Set.of("patient", "conditions", "painScores", "procedures"), PrefetchKey.templates().keySet());
        assertEquals("Procedure?patient={{context.patientId}}&status=completed,in-progress,on-hold,preparation,stopped,"
                + "unknown", PrefetchKey.PROCEDURES.template());
        assertEquals("Condition?patient={{context.patientId}}&clinical-status=active,recurrence,relapse",
                PrefetchKey.CONDITIONS.template());
        for (String element : List.of("subject", "modifierExtension")) {
            assertTrue(PrefetchKey.elementsReadOf("Condition").orElseThrow().contains(element)
                    || PrefetchKey.ALWAYS_READ.contains(element), element);
        }
        assertTrue(PrefetchKey.elementsReadOf("Observation").orElseThrow().contains("effectiveInstant"));
        assertTrue(PrefetchKey.elementsReadOf("Procedure").orElseThrow().contains("performedString"));
    }

    // 2. Terminology, normalised

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
        "urn:oid:2.16.840.1.113883.6.96, 192970008, CAUDA_EQUINA_SYNDROME",
        "https://snomed.info/sct, 192970008, CAUDA_EQUINA_SYNDROME",
        "HTTP://SNOMED.INFO/SCT, 6077001, FOOT_DROP",
        "urn:oid:2.16.840.1.113883.6.90, G83.4, CAUDA_EQUINA_SYNDROME",
        "http://hl7.org/fhir/sid/icd-10-cm, g83.4, CAUDA_EQUINA_SYNDROME",
        "http://hl7.org/fhir/sid/icd-10-cm, G834, CAUDA_EQUINA_SYNDROME",
        "http://hl7.org/fhir/sid/icd-10-cm, m21372, FOOT_DROP",
        "http://hl7.org/fhir/sid/icd-10-cm, N39.41, BLADDER_DYSFUNCTION",
        "http://hl7.org/fhir/sid/icd-10-cm, N39.46, BLADDER_DYSFUNCTION",
        "http://hl7.org/fhir/sid/icd-10-cm, R33.0, BLADDER_DYSFUNCTION",
        "http://hl7.org/fhir/sid/icd-10-cm, R39.14, BLADDER_DYSFUNCTION",
        "http://snomed.info/sct, 267064002, BLADDER_DYSFUNCTION",
        "http://hl7.org/fhir/sid/icd-10-cm, K59.2, BOWEL_DYSFUNCTION",
    })
    void aRedFlagIsReadInEveryFormItsCodeComesIn(String system, String code, RedFlag flag) throws Exception {
        Ehr ehr = withSciatica();
        ehr.with(condition(ehr, system, code));

        assertEquals(Set.of(flag), facts(ehr).redFlags());
        assertTrue(assess(ehr).verdict().isMoreSevereThan(Verdict.CLEARANCE_REQUIRED));
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
        "urn:oid:2.16.840.1.113883.6.12, 63030",
        "urn:oid:2.16.840.1.113883.6.4, 0sg00a1",
        "http://www.cms.gov/Medicare/Coding/ICD10, 0SG10AJ",
        "urn:oid:2.16.840.1.113883.6.96, 387731002",
    })
    void aSpinalSurgeryIsReadInEveryFormItsCodeComesIn(String system, String code) throws Exception {
        Ehr ehr = withSciatica();
        ehr.with(procedure(ehr, system, code, "completed"));
        ((Procedure) ehr.last("procedures")).setPerformed(new DateTimeType(TODAY.minusMonths(2).toString()));

        assertEquals(TODAY.minusMonths(2), facts(ehr).spinalSurgeryDate());
        assertEquals(Verdict.CLEARANCE_REQUIRED, assess(ehr).verdict());
    }

    // 3. A text safety net

    @ParameterizedTest(name = "{2}")
    @CsvSource(delimiter = '|', value = {
        "                                  |        | Cauda equina syndrome       | CAUDA_EQUINA_SYNDROME",
        "http://hl7.org/fhir/sid/icd-10-cm | R20.0  | Saddle anaesthesia          | SADDLE_ANESTHESIA",
        "http://hl7.org/fhir/sid/icd-10-cm | R20.2  | Perineal numbness           | SADDLE_ANESTHESIA",
        "http://snomed.info/sct            | 404640003 | Left foot drop since Monday | FOOT_DROP", // a code of another thing
        "http://hospital.example/problems  | P-77   | Urinary retention, new      | BLADDER_DYSFUNCTION",
    })
    void aRedFlagNamedOnlyInWordsIsMentionedAndGivesNoPlan(String system, String code, String text, RedFlag flag)
            throws Exception {
        Ehr ehr = withSciatica();
        Condition c = condition(ehr, system, code);
        c.getCode().setText(text);
        ehr.with(c);

        PatientFacts facts = facts(ehr);
        assertEquals(Set.of(flag), facts.redFlagsMentioned());
        assertEquals(Set.of(), facts.redFlags(), "a mention is not a finding");
        Assessment answer = assess(ehr);
        assertEquals(Verdict.CLEARANCE_REQUIRED, answer.verdict());
        assertTrue(answer.action().startsWith("The record mentions"), answer.action());
        assertNoPlanAndNoWordOfNoRedFlag(answer);
    }

    @Test
    void aSuspectedRedFlagKeepsItsFullVerdict() throws Exception {
        Ehr ehr = withSciatica().condition(ICD10CM, "G83.4", "active", "provisional");

        assertEquals(Verdict.EMERGENCY, assess(ehr).verdict());
        assertEquals(Set.of(), facts(ehr).redFlagsMentioned());
    }

    // 4. One patient

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"Patient/someone-else", "https://ehr.example/fhir/Patient/someone-else",
        "urn:uuid:0f2a5c1e-0000-4000-8000-000000000000", "Group/ward-7"})
    void aConditionOfAnotherPatientIsLeftOutAndCounted(String subject) throws Exception {
        Ehr ehr = withSciatica();
        ehr.with(condition(ehr, ICD10CM, "G83.4").setSubject(new Reference(subject)));

        FhirReading reading = read(ehr);
        assertEquals(Set.of(), reading.candidates().get(0).redFlags());
        assertEquals(List.of("1 Condition was for another patient and was left out."), reading.notRead().lines());
        assertEquals(Verdict.SUITABLE, assess(ehr).verdict(), "changes nothing but the count");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"Patient/%s", "https://ehr.example/fhir/Patient/%s", "Patient/%s/_history/3",
        "urn:uuid:%s"})
    void everyFormOfAReferenceToThisPatientIsThisPatient(String subject) throws Exception {
        Ehr ehr = withSciatica();
        ehr.with(condition(ehr, ICD10CM, "M21.372").setSubject(new Reference(subject.formatted(ehr.patientId()))));

        assertEquals(Set.of(RedFlag.FOOT_DROP), facts(ehr).redFlags());
    }

    @Test
    void aPainScoreSurgeryAndClearanceOfAnotherPatientAreLeftOut() throws Exception {
        Ehr ehr = withSciatica();
        Reference other = new Reference("Patient/someone-else");
        ehr.with(painScore(9, new DateTimeType(TODAY.toString() + "T18:00:00+01:00"), other));
        ehr.with(procedure(ehr, SNOMED, "387731002", "completed").setSubject(other));
        ((Procedure) ehr.last("procedures")).setPerformed(new DateTimeType(TODAY.minusMonths(1).toString()));
        ehr.with(condition(ehr, "https://acupressure-cds.org/fhir/CodeSystem/sciatica-finding", "MEDICAL_CLEARANCE")
                .setSubject(other));

        PatientFacts facts = facts(ehr);
        assertEquals(3, facts.painScore());
        assertNull(facts.spinalSurgery());
        assertNull(facts.medicalClearance());
        assertEquals(List.of("1 Condition was for another patient and was left out.",
                "1 Observation was for another patient and was left out.",
                "1 Procedure was for another patient and was left out."), read(ehr).notRead().lines().stream()
                .sorted().toList());
    }

    @Test
    void anEntryThatNamesNoPatientCountsForARedFlagAndASurgeryButNeverForAClearance() throws Exception {
        Ehr ehr = withSciatica();
        ehr.with(condition(ehr, ICD10CM, "M21.372").setSubject(null));
        ehr.with(procedure(ehr, SNOMED, "387731002", "completed").setSubject(new Reference().setDisplay("J. Doe")));
        ((Procedure) ehr.last("procedures")).setPerformed(new DateTimeType(TODAY.minusMonths(1).toString()));
        ehr.with(condition(ehr, "https://acupressure-cds.org/fhir/CodeSystem/sciatica-finding", "MEDICAL_CLEARANCE")
                .setSubject(null));

        PatientFacts facts = facts(ehr);
        assertEquals(Set.of(RedFlag.FOOT_DROP), facts.redFlags());
        assertEquals(TODAY.minusMonths(1), facts.spinalSurgeryDate());
        assertNull(facts.medicalClearance());
        assertTrue(read(ehr).notes().contains("A medical clearance does not name the patient it is for, so it does not "
                + "count."), read(ehr).notes()::toString);
    }

    // 5. Complete or said so

    @Test
    void aListOfConditionsWithMorePagesIsIncompleteAndGivesNoPlan() throws Exception {
        Ehr ehr = withSciatica().search("conditions", b -> b.addLink().setRelation(Bundle.LINK_NEXT)
                .setUrl("https://ehr.example/fhir/Condition?page=2"));

        FhirReading reading = read(ehr);
        assertEquals(true, reading.candidates().get(0).recordEntriesUnread());
        assertEquals(List.of("The list of conditions is incomplete (it has more pages than were sent): what is missing "
                + "may be a red flag or a recent spinal surgery."), reading.notRead().lines());
        assertEquals("Not read: part of a list.", reading.notRead().inShort());
        assertNoPlanAndNoWordOfNoRedFlag(assess(ehr));
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"error, exception", "fatal, timeout", "warning, incomplete", "information, incomplete"})
    void anOperationOutcomeThatSaysTheSearchIsIncompleteIsSaid(String severity, String code) throws Exception {
        Ehr ehr = withSciatica().search("procedures", b -> b.addEntry().setResource(outcome(severity, code))
                .getSearch().setMode(Bundle.SearchEntryMode.OUTCOME));

        FhirReading reading = read(ehr);
        assertTrue(reading.notRead().lines().get(0).startsWith("The list of procedures is incomplete (the EHR said not "
                + "everything could be returned (an OperationOutcome: " + code + "))"), reading.notRead().lines()::toString);
        assertNoPlanAndNoWordOfNoRedFlag(assess(ehr));
    }

    @Test
    void anInformationalOperationOutcomeChangesNothing() throws Exception {
        Ehr ehr = withSciatica().search("conditions", b -> b.addEntry().setResource(outcome("information", "informational"))
                .getSearch().setMode(Bundle.SearchEntryMode.OUTCOME));

        assertTrue(read(ehr).notRead().isEmpty());
        assertEquals(Verdict.SUITABLE, assess(ehr).verdict());
    }

    @Test
    void aTotalLargerThanWhatWasSentIsIncomplete() throws Exception {
        Ehr ehr = withSciatica().search("conditions", b -> b.setTotal(b.getEntry().size() + 2));

        assertTrue(read(ehr).notRead().lines().get(0).contains("the EHR counted"), read(ehr).notRead().lines()::toString);
        assertEquals(Verdict.CLEARANCE_REQUIRED, assess(ehr).verdict());
    }

    private static OperationOutcome outcome(String severity, String code) {
        OperationOutcome outcome = new OperationOutcome();
        outcome.addIssue().setSeverity(OperationOutcome.IssueSeverity.fromCode(severity))
                .setCode(OperationOutcome.IssueType.fromCode(code)).setDiagnostics("Not all conditions could be returned");
        return outcome;
    }

    // 6. Dates to the safe side

    @ParameterizedTest(name = "performed {0}")
    @CsvSource({"2026, 2026-12-04, CLEARANCE_REQUIRED", "2026-11, 2026-11-30, CLEARANCE_REQUIRED",
        "2026-06, 2026-06-30, CLEARANCE_REQUIRED", "2026-05, 2026-05-31, SUITABLE", "2025, 2025-12-31, SUITABLE"})
    void aPartialSurgeryDateIsTheLatestDayItCanMeanButNotAfterToday(String performed, LocalDate read, Verdict verdict)
            throws Exception {
        Ehr ehr = withSciatica();
        ehr.with(procedure(ehr, SNOMED, "387731002", "completed"));
        ((Procedure) ehr.last("procedures")).setPerformed(new DateTimeType(performed));

        assertEquals(read, facts(ehr).spinalSurgeryDate());
        assertEquals(verdict, assess(ehr).verdict(), "a surgery that may be within 6 months is recent");
    }

    @Test
    void aBladderChangeWithAPartialDateIsAsRecentAsItCanBe() throws Exception {
        Ehr ehr = withSciatica().condition(ICD10CM, "R32");
        ((Condition) ehr.last("conditions")).setOnset(new DateTimeType("2026-09"));

        assertEquals(LocalDate.of(2026, 9, 30), facts(ehr).redFlagsNotedOn().get(RedFlag.BLADDER_DYSFUNCTION));
        assertEquals(Verdict.EMERGENCY, assess(ehr).verdict(), "within 90 days if it was late in September");
    }

    @Test
    void aBladderChangeWithAnOnsetThatIsNoDateIsTakenAsNotedToday() throws Exception {
        Ehr ehr = withSciatica().condition(ICD10CM, "R32").noted(null, TODAY.minusYears(3));
        ((Condition) ehr.last("conditions")).setOnset(new StringType("since last week"));

        assertEquals(Map.of(), facts(ehr).redFlagsNotedOn(), "not dated: taken as noted today");
        assertEquals(Verdict.EMERGENCY, assess(ehr).verdict());
    }

    @Test
    void aSurgeryDatedOnlyInWordsIsOfUnknownDateAndTakenAsRecent() throws Exception {
        Ehr ehr = withSciatica();
        ehr.with(procedure(ehr, SNOMED, "387731002", "completed"));
        ((Procedure) ehr.last("procedures")).setPerformed(new StringType("last spring"));

        PatientFacts facts = facts(ehr);
        assertEquals(true, facts.spinalSurgery());
        assertNull(facts.spinalSurgeryDate());
        assertEquals(Verdict.CLEARANCE_REQUIRED, assess(ehr).verdict());
    }

    @Test
    void aClearanceWithAPartialDateIsTheEarliestDayItCanMean() throws Exception {
        Ehr ehr = withSciatica();
        ehr.with(procedure(ehr, SNOMED, "387731002", "completed"));
        ((Procedure) ehr.last("procedures")).setPerformed(new DateTimeType("2026-09-15"));
        ehr.with(condition(ehr, "https://acupressure-cds.org/fhir/CodeSystem/sciatica-finding", "MEDICAL_CLEARANCE"));
        ((Condition) ehr.last("conditions")).setRecordedDateElement(new DateTimeType("2026-09"));

        assertEquals(LocalDate.of(2026, 9, 1), facts(ehr).medicalClearanceDate());
        assertEquals(Verdict.CLEARANCE_REQUIRED, assess(ehr).verdict(), "September may be before the surgery");
    }

    @Test
    void aPainScoreWithAPartialDateIsNotTodaysPain() throws Exception {
        Ehr ehr = sciaticaOnly();
        ehr.with(painScore(9, new DateTimeType("2026-12"), subjectOf(ehr)));

        PatientFacts facts = facts(ehr);
        assertEquals(9, facts.painScore());
        assertNull(facts.painScoreDate());
        assertTrue(read(ehr).notes().contains("The newest pain score is dated only to its month or year, so it is not "
                + "taken as today's pain."), read(ehr).notes()::toString);
        assertTrue(assess(ehr).missingData().stream().anyMatch(m -> m.field().equals("painScore")));
    }

    @Test
    void effectiveInstantAndTheEndsOfPeriodsAreRead() throws Exception {
        Ehr ehr = withSciatica();
        ehr.with(painScore(8, new InstantType(TODAY + "T20:15:00+01:00"), subjectOf(ehr)));
        ehr.with(procedure(ehr, SNOMED, "387731002", "completed"));
        ((Procedure) ehr.last("procedures")).setPerformed(new Period()
                .setStartElement(new DateTimeType(TODAY.minusYears(2).toString()))
                .setEndElement(new DateTimeType(TODAY.minusMonths(1).toString())));

        PatientFacts facts = facts(ehr);
        assertEquals(8, facts.painScore(), "the instant is after the day-only score of 3");
        assertEquals(TODAY, facts.painScoreDate());
        assertEquals(TODAY.minusMonths(1), facts.spinalSurgeryDate());
    }

    @Test
    void anEffectivePeriodIsReadByItsEnd() throws Exception {
        Ehr ehr = withSciatica();
        ehr.with(painScore(8, new Period().setStartElement(new DateTimeType(TODAY.minusDays(20).toString()))
                .setEndElement(new DateTimeType(TODAY + "T09:00:00+01:00")), subjectOf(ehr)));

        assertEquals(8, facts(ehr).painScore());
    }

    @ParameterizedTest(name = "{0} then {1}")
    @CsvSource({"T08:00:00+01:00, T17:30:00+01:00, 4, 9, 9", "T17:30:00+01:00, T08:00:00+01:00, 9, 4, 9",
        "T08:00:00+01:00, T17:30:00+01:00, 9, 4, 4",
        "T12:00:00+01:00, T12:00:00+01:00, 4, 9, 9", "T12:00:00+01:00, T12:00:00+01:00, 9, 4, 9"})
    void sameDayScoresAreOrderedByTimeAndTiesGoToTheHigher(String first, String second, int firstScore,
            int secondScore, int newest) throws Exception {
        Ehr ehr = withSciatica();
        ehr.with(painScore(firstScore, new DateTimeType(TODAY + first), subjectOf(ehr)));
        ehr.with(painScore(secondScore, new DateTimeType(TODAY + second), subjectOf(ehr)));

        assertEquals(newest, facts(ehr).painScore());
    }

    @Test
    void theAgeIsReadFromThePatientsBirthDate() throws Exception {
        assertEquals(33, facts(withSciatica()).age(), "Synthea's patient was born on 1993-06-07");
    }

    @ParameterizedTest(name = "born {0}")
    @CsvSource({"1950, 76", "1950-12, 76", "1950-12-05, 75"})
    void aBirthDateGivenOnlyAsAYearOrMonthIsTheOldestThePatientCanBe(String born, int age) throws Exception {
        Ehr ehr = withSciatica();
        ((org.hl7.fhir.r4.model.Patient) ehr.resources().get("patient")).setBirthDateElement(
                new org.hl7.fhir.r4.model.DateType(born));

        assertEquals(age, facts(ehr).age());
    }

    // 7. Statuses to the safe side

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"in-progress", "on-hold", "stopped", "unknown", "preparation", "completed"})
    void aSpinalSurgeryThatMayHaveHappenedCounts(String status) throws Exception {
        Ehr ehr = withSciatica();
        ehr.with(procedure(ehr, SNOMED, "387731002", status));

        assertEquals(true, facts(ehr).spinalSurgery());
        assertEquals(Verdict.CLEARANCE_REQUIRED, assess(ehr).verdict());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"not-done", "entered-in-error"})
    void aSpinalSurgeryNotDoneOrInErrorDoesNotCount(String status) throws Exception {
        Ehr ehr = withSciatica();
        ehr.with(procedure(ehr, SNOMED, "387731002", status));

        assertNull(facts(ehr).spinalSurgery());
    }

    @Test
    void aSurgeryUnderWayWithNoEndIsToday() throws Exception {
        Ehr ehr = withSciatica();
        ehr.with(procedure(ehr, SNOMED, "387731002", "in-progress"));
        ((Procedure) ehr.last("procedures")).setPerformed(new Period()
                .setStartElement(new DateTimeType(TODAY.minusYears(1).toString())));

        assertEquals(TODAY, facts(ehr).spinalSurgeryDate());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"refuted", "entered-in-error"})
    void aConditionRefutedOrInErrorIsNotARedFlag(String verification) throws Exception {
        assertEquals(Set.of(), facts(withSciatica().condition(ICD10CM, "G83.4", "active", verification)).redFlags());
    }

    @Test
    void aClinicalStatusInALocalCodingFirstDoesNotTakeARedFlagOut() throws Exception {
        Ehr ehr = withSciatica().condition(ICD10CM, "M21.372");
        ((Condition) ehr.last("conditions")).getClinicalStatus().getCoding()
                .add(0, new Coding("http://hospital.example/status", "A", "Active"));

        assertEquals(Set.of(RedFlag.FOOT_DROP), facts(ehr).redFlags());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"resolved", "inactive", "remission"})
    void aConditionThatIsOverIsNotARedFlag(String clinicalStatus) throws Exception {
        assertEquals(Set.of(), facts(withSciatica().condition(ICD10CM, "G83.4", clinicalStatus, "confirmed")).redFlags());
    }

    // 8. Modifiers, and entries that cannot be read

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"conditions", "procedures", "painScores"})
    void anEntryWithAModifierThisServiceDoesNotUnderstandIsNotReadAndGivesNoPlan(String key) throws Exception {
        Ehr ehr = withSciatica();
        Resource entry = switch (key) {
            case "conditions" -> condition(ehr, ICD10CM, "M21.372");
            case "procedures" -> procedure(ehr, SNOMED, "387731002", "completed");
            default -> painScore(9, new DateTimeType(TODAY.toString()), subjectOf(ehr));
        };
        ((org.hl7.fhir.r4.model.DomainResource) entry).addModifierExtension(
                new Extension("https://ehr.example/fhir/StructureDefinition/withdrawn", new StringType("yes")));
        ehr.with(entry);

        FhirReading reading = read(ehr);
        PatientFacts facts = reading.candidates().get(0);
        assertEquals(Set.of(), facts.redFlags());
        assertEquals(3, facts.painScore(), "the score with the modifier is not today's pain");
        assertEquals(true, facts.recordEntriesUnread());
        assertEquals(1, reading.notRead().lines().size());
        assertTrue(reading.notRead().lines().get(0).endsWith("could not be read: it carries a modifier extension this "
                + "service does not understand."), reading.notRead().lines()::toString);
        Assessment answer = assess(ehr);
        assertEquals(Verdict.CLEARANCE_REQUIRED, answer.verdict());
        assertNoPlanAndNoWordOfNoRedFlag(answer);
    }

    @Test
    void aWithdrawnClearanceDoesNotClearAFreshSurgery() throws Exception {
        Ehr ehr = withSciatica();
        ehr.with(procedure(ehr, SNOMED, "387731002", "completed"));
        ((Procedure) ehr.last("procedures")).setPerformed(new DateTimeType(TODAY.minusMonths(1).toString()));
        Condition clearance = condition(ehr, "https://acupressure-cds.org/fhir/CodeSystem/sciatica-finding",
                "MEDICAL_CLEARANCE");
        clearance.setRecordedDateElement(new DateTimeType(TODAY.toString()));
        clearance.addModifierExtension(new Extension("https://ehr.example/withdrawn", new StringType("withdrawn")));
        ehr.with(clearance);

        assertNull(facts(ehr).medicalClearance());
        assertNoPlanAndNoWordOfNoRedFlag(assess(ehr));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"http://hl7.org/fhir/sid/icd-9-cm, 344.60, could not be read: its code system is not known.",
        ", , could not be read: it has no code."})
    void aConditionInACodeSystemNotReadOrWithNoCodeGivesNoPlan(String system, String code, String why)
            throws Exception {
        Ehr ehr = withSciatica();
        ehr.with(condition(ehr, system, code));

        FhirReading reading = read(ehr);
        assertEquals(List.of("1 Condition " + why), reading.notRead().lines());
        assertEquals("Not read: 1 record entry.", reading.notRead().inShort());
        assertNoPlanAndNoWordOfNoRedFlag(assess(ehr));
    }

    @Test
    void aProcedureInACodeSystemNotReadGivesNoPlan() throws Exception {
        Ehr ehr = withSciatica();
        ehr.with(procedure(ehr, "http://hospital.example/procedures", "LAMI-2", "completed"));

        assertEquals(List.of("1 Procedure could not be read: its code system is not known."),
                read(ehr).notRead().lines());
        assertNoPlanAndNoWordOfNoRedFlag(assess(ehr));
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"http://hospital.example/observations, PAIN-NRS, could not be read: its code system is not known.",
        "http://loinc.org, 8867-4, was not a 0-10 pain score (LOINC 72514-3) and was left out."})
    void anObservationInThePainScoresThatIsNoPainScoreIsSetAside(String system, String code, String why)
            throws Exception {
        Ehr ehr = withSciatica();
        Observation other = painScore(9, new DateTimeType(TODAY.toString()), subjectOf(ehr));
        other.setCode(concept(system, code));
        ehr.with(other);

        assertEquals(List.of("1 Observation " + why), read(ehr).notRead().lines());
        assertEquals(3, facts(ehr).painScore());
        assertEquals(why.startsWith("could not"), Boolean.TRUE.equals(facts(ehr).recordEntriesUnread()),
                "only what may be a pain score leaves the record open");
    }

    @Test
    void aResourceOfAnotherKindInAListIsNotReadAndGivesNoPlan() throws Exception {
        Ehr ehr = withSciatica().search("conditions", b -> b.addEntry().setResource(
                new org.hl7.fhir.r4.model.Encounter().setId("enc-1")).getSearch().setMode(Bundle.SearchEntryMode.MATCH));

        assertEquals(List.of("1 Encounter could not be read: it is not of the kind its list holds."),
                read(ehr).notRead().lines());
        assertNoPlanAndNoWordOfNoRedFlag(assess(ehr));
    }

    @Test
    void aConditionOfAnotherThingInACodeSystemThatIsReadIsSimplyAboutSomethingElse() throws Exception {
        Ehr ehr = withSciatica();
        ehr.with(condition(ehr, ICD10CM, "I10"));

        assertTrue(read(ehr).notRead().isEmpty());
        assertEquals(Verdict.SUITABLE, assess(ehr).verdict());
    }
}
