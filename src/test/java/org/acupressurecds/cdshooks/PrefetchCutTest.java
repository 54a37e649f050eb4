package org.acupressurecds.cdshooks;

import static org.acupressurecds.cdshooks.Ehr.ICD10CM;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import org.acupressurecds.BesideTheService;
import org.acupressurecds.engine.CodeTable;
import org.acupressurecds.engine.RuleSetException;
import org.acupressurecds.engine.RulesSnapshot;
import org.acupressurecds.fhir.FhirPatientReader;
import org.acupressurecds.fhir.FhirReading;
import org.acupressurecds.fhir.Prefetched;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * HAPI FHIR parses the prefetch only as far as the reader reads it (FhirPatientReader.onlyWhatIsRead). Real records,
 * with every element the reader reads, must read the same cut as whole.
 */
@BesideTheService
class PrefetchCutTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final LocalDate TODAY = LocalDate.now();

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.acupressurecds.cdshooks.SyntheaRecordsTest#patients")
    void aRealRecordWithSciaticaReadsTheSameCutAsWhole(Path file) throws Exception {
        Ehr record = Ehr.of(Ehr.FHIR.newJsonParser().parseResource(Bundle.class, Files.readString(file)))
                .condition(ICD10CM, "M54.42").noted(TODAY.minusDays(40), TODAY.minusDays(30)).bodySite("7771000")
                .condition(ICD10CM, "M21.371", "active", "provisional").noted(null, TODAY.minusDays(2))
                .painScore("6.5", 1).painScore(7, 3)
                .procedure("387731002", TODAY.minusMonths(9)).procedure("387731002", TODAY.minusMonths(8))
                .performedOver(TODAY.minusMonths(8).minusDays(1), TODAY.minusMonths(8));

        assertEquals(reading(record, false), reading(record, true));
        assertFalse(reading(record, true).candidates().isEmpty(), "the record reads as sciatica");
    }

    @Test
    void theCutKeepsWhatIsReadAndLeavesTheRequestAsItWas() throws Exception {
        ObjectNode patient = (ObjectNode) JSON.readTree("""
                {"resourceType":"Patient","id":"p1","text":{"status":"generated","div":"<div>Jane</div>"},
                 "name":[{"family":"Doe"}]}""");
        ObjectNode conditions = (ObjectNode) JSON.readTree("""
                {"resourceType":"Bundle","type":"searchset","entry":[{"fullUrl":"Condition/c1","resource":
                  {"resourceType":"Condition","id":"c1","text":{"status":"generated","div":"<div>x</div>"},
                   "code":{"coding":[{"code":"M54.42"}]},"subject":{"reference":"Patient/p1"}}}]}""");
        String before = conditions.toString();

        assertEquals(JSON.readTree("{\"resourceType\":\"Patient\",\"id\":\"p1\"}"),
                FhirPatientReader.onlyWhatIsRead(patient));
        assertEquals(JSON.readTree("""
                {"resourceType":"Bundle","type":"searchset","entry":[{"fullUrl":"Condition/c1","resource":
                  {"resourceType":"Condition","id":"c1","code":{"coding":[{"code":"M54.42"}]},
                   "subject":{"reference":"Patient/p1"}}}]}"""),
                FhirPatientReader.onlyWhatIsRead(conditions));
        assertEquals(before, conditions.toString());
        assertTrue(patient.has("text"));
    }

    private static FhirReading reading(Ehr record, boolean cut) throws IOException, RuleSetException {
        Map<String, Prefetched> data = new LinkedHashMap<>();
        for (Map.Entry<String, Resource> key : record.resources().entrySet()) {
            JsonNode json = Ehr.tree(key.getValue());
            String text = (cut ? FhirPatientReader.onlyWhatIsRead((ObjectNode) json) : json).toString();
            data.put(key.getKey(), Prefetched.of(Ehr.FHIR.newJsonParser().parseResource(text)));
        }
        return new FhirPatientReader(CodeTable.load(RulesSnapshot.read(Path.of("rules"))), ZoneId.systemDefault()).read(data, record.patientId(), TODAY);
    }
}
