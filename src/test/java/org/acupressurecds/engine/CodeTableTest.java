package org.acupressurecds.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.acupressurecds.engine.CodeTable.Fact;
import org.acupressurecds.engine.CodeTable.Meaning;
import org.acupressurecds.knowledge.Laterality;
import org.acupressurecds.knowledge.RedFlag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The bundled code table maps the codes EHRs use; a broken table is reported by file and line. */
class CodeTableTest {

    private static final String ICD10CM = CodeSystems.ICD10CM;

    private static final CodeTable BUNDLED = load(Path.of("rules"));

    @ParameterizedTest(name = "{0} {1} means {2} {3} {4}")
    @CsvSource({
        "http://hl7.org/fhir/sid/icd-10-cm, M54.31, SCIATICA_TYPE, UNKNOWN, RIGHT",
        "http://hl7.org/fhir/sid/icd-10-cm, M54.42, SCIATICA_TYPE, UNKNOWN, LEFT",
        "http://hl7.org/fhir/sid/icd-10-cm, G57.02, SCIATICA_TYPE, PIRIFORMIS_SYNDROME, LEFT",
        "http://hl7.org/fhir/sid/icd-10-cm, G57.03, SCIATICA_TYPE, PIRIFORMIS_SYNDROME, BILATERAL",
        "http://hl7.org/fhir/sid/icd-10, G57.0, SCIATICA_TYPE, PIRIFORMIS_SYNDROME, ",
        "http://snomed.info/sct, 202708005, SCIATICA_TYPE, DISC_HERNIATION, ",
        "http://www.ama-assn.org/go/cpt, 63047, SPINAL_SURGERY, , ",
        "http://www.cms.gov/Medicare/Coding/ICD10, 0SG30AJ, SPINAL_SURGERY, , ",
        "http://hl7.org/fhir/sid/icd-10-cm, G83.11, RED_FLAG, LEG_WEAKNESS, RIGHT",
        "http://hl7.org/fhir/sid/icd-10-cm, N31.0, RED_FLAG, BLADDER_DYSFUNCTION, ",
        "http://hl7.org/fhir/sid/icd-10, R15, RED_FLAG, BOWEL_DYSFUNCTION, ",
        "http://hl7.org/fhir/sid/icd-10-cm, M53.2X8, SCIATICA_TYPE, SACROILIAC_JOINT_DYSFUNCTION, ",
        "http://snomed.info/sct, 311211000119105, SCIATICA_TYPE, DISC_HERNIATION, ",
        "http://hl7.org/fhir/sid/icd-10, M51.2, SCIATICA_TYPE, DISC_HERNIATION, ",
        "http://snomed.info/sct, 299966003, LARGE_DISC_HERNIATION_WITH_IMPINGEMENT, , ",
        "http://hl7.org/fhir/sid/icd-10-cm, M48.07, SCIATICA_TYPE, SPINAL_STENOSIS, ",
        "http://snomed.info/sct, 76107001, SCIATICA_TYPE, SPINAL_STENOSIS, ",
        "http://hl7.org/fhir/sid/icd-10-cm, G83.4, RED_FLAG, CAUDA_EQUINA_SYNDROME, ",
        "http://hl7.org/fhir/sid/icd-10-cm, R33.9, RED_FLAG, BLADDER_DYSFUNCTION, ",
        "http://snomed.info/sct, 72042002, RED_FLAG, BOWEL_DYSFUNCTION, ",
        "http://hl7.org/fhir/sid/icd-10-cm, M21.371, RED_FLAG, FOOT_DROP, RIGHT",
        "http://snomed.info/sct, 178625001, SPINAL_SURGERY, , ",
        "https://acupressure-cds.org/fhir/CodeSystem/sciatica-finding, MEDICAL_CLEARANCE, MEDICAL_CLEARANCE, , ",
        "https://acupressure-cds.org/fhir/CodeSystem/sciatica-finding, PROGRESSIVE_NUMBNESS, RED_FLAG, PROGRESSIVE_NUMBNESS, ",
    })
    void bundledTableMapsTheCodesEhrsUse(String system, String code, Fact fact, String value, Laterality side) {
        Meaning meaning = BUNDLED.lookup(system, code).orElseThrow();

        assertEquals(fact, meaning.fact());
        assertEquals(value, meaning.value());
        assertEquals(side, meaning.laterality());
    }

    /** The same cauda equina, foot-drop and surgery codes in the forms EHRs send them. */
    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
        "urn:oid:2.16.840.1.113883.6.96, 192970008, CAUDA_EQUINA_SYNDROME",
        "https://snomed.info/sct, 192970008, CAUDA_EQUINA_SYNDROME",
        "HTTP://SNOMED.INFO/SCT, 192970008, CAUDA_EQUINA_SYNDROME",
        "http://snomed.info/sct/, 6077001, FOOT_DROP",
        "urn:oid:2.16.840.1.113883.6.90, G83.4, CAUDA_EQUINA_SYNDROME",
        "http://hl7.org/fhir/sid/icd-10-cm, g83.4, CAUDA_EQUINA_SYNDROME",
        "http://hl7.org/fhir/sid/icd-10-cm, G834, CAUDA_EQUINA_SYNDROME",
        "HTTP://HL7.ORG/FHIR/SID/ICD-10-CM, m21372, FOOT_DROP",
        "urn:oid:2.16.840.1.113883.6.3, G83.4, CAUDA_EQUINA_SYNDROME",
        "urn:oid:2.16.840.1.113883.6.12, 63030, ",
        "urn:oid:2.16.840.1.113883.6.4, 0sg00a1, ",
    })
    void aCodeIsReadInEveryFormItsSystemAllows(String system, String code, String redFlag) {
        Meaning meaning = BUNDLED.lookup(system, code).orElseThrow();

        assertEquals(redFlag == null ? Fact.SPINAL_SURGERY : Fact.RED_FLAG, meaning.fact());
        assertEquals(redFlag, meaning.value());
        assertTrue(BUNDLED.reads(system), system);
    }

    /** Codes that mean a red flag the table once missed: each family stands for every code under its stem. */
    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
        "http://hl7.org/fhir/sid/icd-10-cm, N39.41, BLADDER_DYSFUNCTION",
        "http://hl7.org/fhir/sid/icd-10-cm, N39.490, BLADDER_DYSFUNCTION",
        "http://hl7.org/fhir/sid/icd-10-cm, R33.0, BLADDER_DYSFUNCTION",
        "http://hl7.org/fhir/sid/icd-10-cm, R39.14, BLADDER_DYSFUNCTION",
        "http://snomed.info/sct, 267064002, BLADDER_DYSFUNCTION",
        "http://hl7.org/fhir/sid/icd-10-cm, K59.2, BOWEL_DYSFUNCTION",
        "http://hl7.org/fhir/sid/icd-10-cm, R15.9, BOWEL_DYSFUNCTION",
    })
    void synonymsOfTheRedFlagsAreInTheTable(String system, String code, String redFlag) {
        assertEquals(redFlag, BUNDLED.lookup(system, code).orElseThrow().value());
    }

    @Test
    void aFamilyDoesNotReachPastItsStemAndACodesOwnRowWinsOverIt(@TempDir Path folder) throws Exception {
        Files.writeString(codes(folder).resolve("codes.csv"), String.join("\n", CodeTable.HEADER,
                "http://hl7.org/fhir/sid/icd-10-cm,M54.3*,SCIATICA_TYPE,UNKNOWN,,Sciatica",
                "http://hl7.org/fhir/sid/icd-10-cm,M54.31,SCIATICA_TYPE,UNKNOWN,RIGHT,\"Sciatica, right side\""));
        CodeTable table = load(folder);

        assertEquals(Laterality.RIGHT, table.lookup(ICD10CM, "M54.31").orElseThrow().laterality());
        assertEquals(null, table.lookup(ICD10CM, "M54.32").orElseThrow().laterality());
        assertTrue(table.lookup(ICD10CM, "M54.4").isEmpty());
        assertTrue(table.lookup(ICD10CM, "M54").isEmpty());
        assertEquals(codes(folder).resolve("codes.csv").toString().replace('\\', '/') + ":2: M54.3* (" + ICD10CM + ") is "
                + "SCIATICA_TYPE UNKNOWN for every code beginning M54.3: no code of the reference list begins M54.3, "
                + "check the stem; these have their own rows, which win: M54.31",
                table.families().get(0).inWords());
    }

    @Test
    void familiesAreOnlyForSystemsWhoseCodesShareTheirStemsMeaning(@TempDir Path folder) throws Exception {
        Files.writeString(codes(folder).resolve("codes.csv"), String.join("\n", CodeTable.HEADER,
                "http://snomed.info/sct,19297*,RED_FLAG,CAUDA_EQUINA_SYNDROME,,Cauda equina syndrome",
                "http://hl7.org/fhir/sid/icd-10-cm,N3*,RED_FLAG,BLADDER_DYSFUNCTION,,Urinary incontinence"));

        List<RuleProblem> problems = assertThrows(RuleSetException.class, () -> CodeTable.load(RulesSnapshot.read(folder))).problems();

        assertTrue(problems.get(0).message().contains("only ICD-10, ICD-10-CM and ICD-10-PCS codes can be listed as "
                + "families"), problems.get(0).message());
        assertTrue(problems.get(1).message().contains("'N3' does not begin a code of"), problems.get(1).message());
    }

    @Test
    void aSystemTheTableDoesNotReadIsToldApartFromACodeThatMeansNothingHere() {
        assertTrue(BUNDLED.reads("http://snomed.info/sct"));
        assertTrue(BUNDLED.reads(CodeTable.FINDING_SYSTEM));
        assertTrue(!BUNDLED.reads("http://hospital.example/fhir/CodeSystem/problems"));
        assertTrue(!BUNDLED.reads("http://hl7.org/fhir/sid/icd-9-cm"));
        assertTrue(!BUNDLED.reads(null));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "Cauda equina syndrome | CAUDA_EQUINA_SYNDROME",
        "Saddle anaesthesia | SADDLE_ANESTHESIA",
        "Perineal numbness since Tuesday | SADDLE_ANESTHESIA",
        "URINARY RETENTION | BLADDER_DYSFUNCTION",
        "Left foot-drop | FOOT_DROP",
        "leg weakness, worse | LEG_WEAKNESS",
    })
    void aTextThatNamesARedFlagIsFound(String text, RedFlag flag) {
        assertTrue(BUNDLED.redFlagsNamedIn(text).containsValue(flag), () -> BUNDLED.redFlagsNamedIn(text).toString());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"Fluid retention", "Saddlebag hernia repair", "Hypertension", "Weakness of arm"})
    void aTextThatNamesNoRedFlagIsLeftAlone(String text) {
        assertEquals(Map.of(), BUNDLED.redFlagsNamedIn(text));
    }

    @Test
    void codesOfOtherThingsMeanNothingHere() {
        assertTrue(BUNDLED.lookup("http://hl7.org/fhir/sid/icd-10-cm", "I10").isEmpty());
    }

    @Test
    void anUnknownCodeOfTheProjectsOwnCodeSystemIsAnError() {
        assertThrows(CodeTable.UnknownFindingCode.class, () -> BUNDLED.lookup(CodeTable.FINDING_SYSTEM, "PIRIFORMIS"));
    }

    @Test
    void brokenRowsAreReportedWithFileAndLine(@TempDir Path folder) throws Exception {
        Files.writeString(codes(folder).resolve("local.csv"), String.join("\n",
                "# local codes",
                CodeTable.HEADER,
                "http://example.org,A1,SCIATICA_TYPE,PIRIFORMIS,,typo in the type",
                "http://example.org,A2,RED_FLAGS,FOOT_DROP,,typo in the fact",
                "http://example.org,A3,SCIATICA_TYPE,DISC_HERNIATION,LEFTSIDE,bad side",
                "http://example.org,A4,SCIATICA_TYPE,DISC_HERNIATION,,\"unclosed",
                "http://example.org,A5,SPINAL_SURGERY,,,fine",
                "http://example.org,A5,SPINAL_SURGERY,,,twice",
                "http://example.org,A6,MEDICAL_CLEARANCE,YES,,no value allowed",
                "http://example.org,A7,SIDE,,,a side without its side"));

        List<RuleProblem> problems = assertThrows(RuleSetException.class, () -> CodeTable.load(RulesSnapshot.read(folder))).problems();

        assertEquals(List.of(3, 4, 5, 6, 8, 9, 10), problems.stream().map(RuleProblem::line).toList());
        assertTrue(problems.get(0).file().endsWith("local.csv"));
        assertTrue(problems.get(0).message().startsWith("code table: value 'PIRIFORMIS' is not one of"), problems.get(0).message());
        assertEquals("code table: http://example.org A5 is mapped twice", problems.get(4).message());
        assertEquals("code table: fact SIDE needs a laterality: LEFT, RIGHT or BILATERAL", problems.get(6).message());
    }

    @Test
    void aCodeThatCannotBelongToItsSystemIsReportedWithItsLine(@TempDir Path folder) throws Exception {
        Files.writeString(codes(folder).resolve("local.csv"), String.join("\n",
                CodeTable.HEADER,
                "http://hl7.org/fhir/sid/icd-10-cm,M5431,SCIATICA_TYPE,UNKNOWN,,no dot",
                "http://hl7.org/fhir/sid/icd-10,M54.31X,SCIATICA_TYPE,UNKNOWN,,a CM code under WHO",
                "http://snomed.info/sct,23056006,SCIATICA_TYPE,UNKNOWN,,a wrong check digit",
                "http://snomed.info/sct,123456017,SCIATICA_TYPE,UNKNOWN,,a description identifier",
                "http://www.ama-assn.org/go/cpt,6304,SPINAL_SURGERY,,,four digits",
                "http://www.cms.gov/Medicare/Coding/ICD10,0SB2OZZ,SPINAL_SURGERY,,,a letter O",
                "http://snomed.info/sct,23056005,SCIATICA_TYPE,UNKNOWN,,"));

        List<RuleProblem> problems = assertThrows(RuleSetException.class, () -> CodeTable.load(RulesSnapshot.read(folder))).problems();

        assertEquals(List.of(2, 3, 4, 5, 6, 7, 8), problems.stream().map(RuleProblem::line).toList());
        assertEquals("code table: 'M5431' is not a code of http://hl7.org/fhir/sid/icd-10-cm (a code looks like M54.31)",
                problems.get(0).message());
        assertEquals("code table: '23056006' is not a SNOMED CT identifier: its check digit is wrong", problems.get(2).message());
        assertTrue(problems.get(3).message().contains("not a SNOMED CT concept identifier"), problems.get(3).message());
        assertTrue(problems.get(6).message().startsWith("code table: the display is required"), problems.get(6).message());
    }

    /** What a row's display must say for its fact: a row whose text speaks of something else is a mapping error. */
    private static final Map<String, Pattern> DISPLAY_SAYS = Map.ofEntries(
            Map.entry("SCIATICA_TYPE UNKNOWN", Pattern.compile("(?i)sciatica|radiculopathy")),
            Map.entry("SCIATICA_TYPE PIRIFORMIS_SYNDROME", Pattern.compile("(?i)sciatic nerve|piriformis")),
            Map.entry("SCIATICA_TYPE SACROILIAC_JOINT_DYSFUNCTION", Pattern.compile("(?i)sacroil|sacral")),
            Map.entry("SCIATICA_TYPE DISC_HERNIATION", Pattern.compile("(?i)disc")),
            Map.entry("SCIATICA_TYPE SPINAL_STENOSIS", Pattern.compile("(?i)stenosis")),
            Map.entry("RED_FLAG CAUDA_EQUINA_SYNDROME", Pattern.compile("(?i)cauda equina")),
            Map.entry("RED_FLAG BLADDER_DYSFUNCTION", Pattern.compile("(?i)urin|bladder")),
            Map.entry("RED_FLAG BOWEL_DYSFUNCTION", Pattern.compile("(?i)fec|faec|defecation|bowel")),
            Map.entry("RED_FLAG SADDLE_ANESTHESIA", Pattern.compile("(?i)saddle")),
            Map.entry("RED_FLAG LEG_WEAKNESS", Pattern.compile("(?i)monoplegia of lower limb|leg weakness")),
            Map.entry("RED_FLAG PROGRESSIVE_LEG_WEAKNESS", Pattern.compile("(?i)progressive.*weakness")),
            Map.entry("RED_FLAG PROGRESSIVE_NUMBNESS", Pattern.compile("(?i)progressive.*numbness")),
            Map.entry("RED_FLAG FOOT_DROP", Pattern.compile("(?i)foot.drop")),
            Map.entry("LARGE_DISC_HERNIATION_WITH_IMPINGEMENT", Pattern.compile("(?i)nerve root|impinge")),
            Map.entry("SPINAL_SURGERY", Pattern.compile("(?i)lumb|spinal|laminectomy|discectomy")),
            Map.entry("SIDE", Pattern.compile("(?i)left|right")));

    @Test
    void everyBundledRowsDisplaySpeaksOfItsFactAndItsSide() throws Exception {
        List<String> mismatches = new java.util.ArrayList<>();
        for (Path csv : Files.list(Path.of("rules/codes")).filter(p -> p.toString().endsWith(".csv")).toList()) {
            if (!Files.readAllLines(csv).contains(CodeTable.HEADER)) {
                continue; // the phrases that name red flags, which have no display
            }
            for (String line : Files.readAllLines(csv)) {
                if (line.isBlank() || line.startsWith("#") || line.equals(CodeTable.HEADER)) {
                    continue;
                }
                List<String> cells = CodeTable.cells(line);
                String key = cells.get(3).isEmpty() ? cells.get(2) : cells.get(2) + " " + cells.get(3);
                String display = cells.get(5);
                Pattern says = DISPLAY_SAYS.get(key);
                if (says == null || !says.matcher(display).find()) {
                    mismatches.add(line + " (display does not speak of " + key + ")");
                }
                String side = display.toLowerCase(java.util.Locale.ROOT);
                String expected = side.contains("bilateral") || side.contains("right and left") ? "BILATERAL"
                        : side.contains("right") ? "RIGHT" : side.contains("left") ? "LEFT" : "";
                if (!expected.equals(cells.get(4))) {
                    mismatches.add(line + " (display says side '" + expected + "', the row '" + cells.get(4) + "')");
                }
            }
        }
        assertEquals(List.of(), mismatches);
    }

    @Test
    void aTableWithTheWrongHeaderIsRejected(@TempDir Path folder) throws Exception {
        Files.writeString(codes(folder).resolve("codes.csv"), "code,system,fact\n");

        assertEquals("code table: the header must be: " + CodeTable.HEADER + " (codes), or " + RedFlagWords.HEADER
                + " (phrases that name a red flag)",
                assertThrows(RuleSetException.class, () -> CodeTable.load(RulesSnapshot.read(folder))).problems().get(0).message());
    }

    /** The codes folder of a rules folder, made if it is not there. */
    private static Path codes(Path rules) throws java.io.IOException {
        return Files.createDirectories(rules.resolve("codes"));
    }

    private static CodeTable load(Path folder) {
        try {
            return CodeTable.load(RulesSnapshot.read(folder));
        } catch (RuleSetException e) {
            throw new AssertionError(e.getMessage(), e);
        }
    }
}
