package org.acupressurecds.cdshooks;

import ca.uhn.fhir.context.FhirContext;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.acupressurecds.engine.CodeTable;
import org.acupressurecds.fhir.FhirPatientReader;
import org.acupressurecds.fhir.FhirReading;
import org.acupressurecds.fhir.PrefetchKey;
import org.acupressurecds.fhir.Prefetched;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/** A patient's EHR record, as the prefetch of a patient-view hook call carries it: real FHIR R4 resources. */
public final class Ehr {

    public static final FhirContext FHIR = FhirContext.forR4();
    public static final String PATIENT_ID = "pat-42";
    public static final String ICD10CM = "http://hl7.org/fhir/sid/icd-10-cm";
    static final String SNOMED = "http://snomed.info/sct";
    static final String FINDING = "https://acupressure-cds.org/fhir/CodeSystem/sciatica-finding";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<Condition> conditions = new ArrayList<>();
    private final List<Observation> painScores = new ArrayList<>();
    private final List<Procedure> procedures = new ArrayList<>();
    private final Set<String> nullKeys = new HashSet<>();
    private final Set<String> omittedKeys = new HashSet<>();
    private final Set<String> unavailableKeys = new HashSet<>();
    private final Map<String, List<java.util.function.Consumer<Bundle>>> searchEdits = new java.util.HashMap<>();
    private String contextPatientId;

    private Patient patient = patient();

    public static Ehr record() {
        return new Ehr();
    }

    /**
     * A real record, unchanged: the patient, the conditions, the pain-score Observations (what the service's
     * prefetch query asks for) and the procedures of a bundle such as Synthea's.
     */
    public static Ehr of(Bundle record) {
        Ehr ehr = new Ehr();
        for (Bundle.BundleEntryComponent entry : record.getEntry()) {
            Resource r = entry.getResource();
            // The parser names a resource of a transaction by its urn:uuid fullUrl; its own id is the uuid.
            r.setId(r.getIdElement().getValue().replace("urn:uuid:", ""));
            if (r instanceof Patient p) {
                ehr.patient = p;
            } else if (r instanceof Condition c) {
                ehr.conditions.add(c);
            } else if (r instanceof Observation o && o.getCode().getCoding().stream()
                    .anyMatch(c -> "http://loinc.org".equals(c.getSystem()) && "72514-3".equals(c.getCode()))) {
                ehr.painScores.add(o);
            } else if (r instanceof Procedure p) {
                ehr.procedures.add(p);
            }
        }
        return ehr;
    }

    public Ehr condition(String system, String code) {
        return condition(system, code, "active", "confirmed");
    }

    public Ehr condition(String system, String code, String clinicalStatus, String verificationStatus) {
        Condition c = new Condition();
        c.setId("cond-" + (conditions.size() + 1));
        c.setSubject(new Reference("Patient/" + patient.getIdPart()));
        c.setClinicalStatus(concept("http://terminology.hl7.org/CodeSystem/condition-clinical", clinicalStatus));
        c.setVerificationStatus(concept("http://terminology.hl7.org/CodeSystem/condition-ver-status", verificationStatus));
        c.setCode(concept(system, code));
        conditions.add(c);
        return this;
    }

    /** When the last condition added was noted: its onset and its recorded date, either may be null. */
    public Ehr noted(LocalDate onset, LocalDate recorded) {
        Condition c = conditions.get(conditions.size() - 1);
        if (onset != null) {
            c.setOnset(new DateTimeType(onset.toString()));
        }
        if (recorded != null) {
            c.setRecordedDateElement(new DateTimeType(recorded.toString()));
        }
        return this;
    }

    /** The side as the EHR codes it on the last condition added: Condition.bodySite. */
    Ehr bodySite(String snomedCode) {
        conditions.get(conditions.size() - 1).addBodySite(concept(SNOMED, snomedCode));
        return this;
    }

    /** A pain score taken a number of days before today: the rules judge a score's age against today. */
    public Ehr painScore(int value, int daysAgo) {
        return painScore(value, LocalDate.now().minusDays(daysAgo).toString());
    }

    Ehr painScore(int value, String date) {
        return painScore(new IntegerType(value), date);
    }

    /** A pain score recorded as a decimal Quantity, as some EHRs do. */
    Ehr painScore(String decimal, int daysAgo) {
        return painScore(decimal, LocalDate.now().minusDays(daysAgo).toString());
    }

    Ehr painScore(String decimal, String date) {
        return painScore(new org.hl7.fhir.r4.model.Quantity().setValue(new java.math.BigDecimal(decimal))
                .setUnit("{score}").setSystem("http://unitsofmeasure.org").setCode("{score}"), date);
    }

    private Ehr painScore(org.hl7.fhir.r4.model.Type value, String date) {
        Observation o = new Observation();
        o.setId("pain-" + (painScores.size() + 1));
        o.setStatus(Observation.ObservationStatus.FINAL);
        o.setCode(concept("http://loinc.org", "72514-3"));
        o.setSubject(new Reference("Patient/" + patient.getIdPart()));
        o.setEffective(new DateTimeType(date));
        o.setValue(value);
        painScores.add(o);
        return this;
    }

    Ehr procedure(String snomedCode, LocalDate performed) {
        return procedure(SNOMED, snomedCode, performed);
    }

    public Ehr procedure(String system, String code, LocalDate performed) {
        Procedure p = new Procedure();
        p.setId("proc-" + (procedures.size() + 1));
        p.setStatus(Procedure.ProcedureStatus.COMPLETED);
        p.setCode(concept(system, code));
        p.setSubject(new Reference("Patient/" + patient.getIdPart()));
        p.setPerformed(new DateTimeType(performed.toString()));
        procedures.add(p);
        return this;
    }

    /** The last procedure added took a period, as Synthea records them, rather than a moment. */
    Ehr performedOver(LocalDate start, LocalDate end) {
        procedures.get(procedures.size() - 1).setPerformed(new org.hl7.fhir.r4.model.Period()
                .setStartElement(new DateTimeType(start.toString())).setEndElement(new DateTimeType(end.toString())));
        return this;
    }

    /** A resource as the EHR sent it, in the list of its type: a case the helpers above do not build. */
    public Ehr with(Resource resource) {
        if (resource instanceof Condition c) {
            conditions.add(c);
        } else if (resource instanceof Observation o) {
            painScores.add(o);
        } else if (resource instanceof Procedure p) {
            procedures.add(p);
        } else {
            throw new IllegalArgumentException("no list holds a " + resource.fhirType());
        }
        return this;
    }

    /** The last resource added to the list of a key, to change as a case needs. */
    public Resource last(String key) {
        List<? extends Resource> list = switch (key) {
            case "conditions" -> conditions;
            case "painScores" -> painScores;
            case "procedures" -> procedures;
            default -> throw new IllegalArgumentException(key);
        };
        return list.get(list.size() - 1);
    }

    /** The search of a key as the EHR sent it, changed: a next link, an OperationOutcome entry, another resource. */
    public Ehr search(String key, java.util.function.Consumer<Bundle> edit) {
        searchEdits.computeIfAbsent(key, k -> new ArrayList<>()).add(edit);
        return this;
    }

    /** The id of the patient the record is about. */
    public String patientId() {
        return patient.getIdPart();
    }

    /** The hook's context names another patient than the record's Patient. */
    public Ehr inContextOf(String patientId) {
        contextPatientId = patientId;
        return this;
    }

    /** The EHR says it has no such data. */
    Ehr nullPrefetch(String key) {
        nullKeys.add(key);
        return this;
    }

    /** The EHR did not prefetch this key. */
    public Ehr omit(String... keys) {
        omittedKeys.addAll(List.of(keys));
        return this;
    }

    /** The EHR tried and failed: an OperationOutcome in place of the data. */
    Ehr unavailable(String key) {
        unavailableKeys.add(key);
        return this;
    }

    /**
     * The record as the service reads it from a hook call: each key cut to what is read and parsed, then read by the
     * real reader with the given code table, in the clinic's zone, as of the day.
     */
    public FhirReading read(CodeTable codes, ZoneId zone, LocalDate today) {
        Map<String, Prefetched> data = new java.util.LinkedHashMap<>();
        for (Map.Entry<String, Resource> key : resources().entrySet()) {
            ObjectNode cut = FhirPatientReader.onlyWhatIsRead((ObjectNode) tree(key.getValue()));
            boolean wholeList = PrefetchKey.named(key.getKey()).orElseThrow().needsWholeList();
            data.put(key.getKey(), Prefetched.of(FHIR.newJsonParser().parseResource(cut.toString()), wholeList));
        }
        return new FhirPatientReader(codes, zone).read(data, patientId(), today);
    }

    public Map<String, Resource> resources() {
        Map<String, Resource> resources = new java.util.LinkedHashMap<>();
        resources.put("patient", patient);
        resources.put("conditions", searchset(conditions));
        resources.put("painScores", searchset(painScores));
        resources.put("procedures", searchset(procedures));
        searchEdits.forEach((key, edits) -> edits.forEach(edit -> edit.accept((Bundle) resources.get(key))));
        return resources;
    }

    public String hookRequest() {
        return hookRequest(null, null);
    }

    public String hookRequest(String fhirServer, String accessToken) {
        ObjectNode request = JSON.createObjectNode()
                .put("hook", "patient-view")
                .put("hookInstance", UUID.randomUUID().toString());
        if (fhirServer != null) {
            request.put("fhirServer", fhirServer);
            request.putObject("fhirAuthorization").put("access_token", accessToken).put("token_type", "Bearer")
                    .put("expires_in", 300).put("scope", "user/Patient.read user/Condition.read").put("subject", "cds-service");
        }
        request.putObject("context").put("userId", "Practitioner/pr-7")
                .put("patientId", contextPatientId != null ? contextPatientId : patient.getIdPart());
        ObjectNode prefetch = request.putObject("prefetch");
        resources().forEach((key, resource) -> {
            if (omittedKeys.contains(key)) {
                return;
            }
            if (nullKeys.contains(key)) {
                prefetch.putNull(key);
            } else {
                prefetch.set(key, tree(unavailableKeys.contains(key) ? outcome() : resource));
            }
        });
        return request.toString();
    }

    /**
     * The record as a call of the published PlanDefinition's $apply: subject the patient, data one Bundle of every
     * resource (a list omitted is not in it, as a record with none).
     */
    public String applyParameters() {
        Bundle data = new Bundle().setType(Bundle.BundleType.COLLECTION);
        resources().forEach((key, resource) -> {
            if (omittedKeys.contains(key)) {
                return;
            }
            if (resource instanceof Bundle list) {
                list.getEntry().forEach(e -> data.addEntry().setResource(e.getResource()));
            } else {
                data.addEntry().setResource(resource);
            }
        });
        ObjectNode call = JSON.createObjectNode().put("resourceType", "Parameters");
        com.fasterxml.jackson.databind.node.ArrayNode parameters = call.putArray("parameter");
        parameters.addObject().put("name", "subject").put("valueString", "Patient/" + patientId());
        parameters.addObject().put("name", "data").set("resource", tree(data));
        return call.toString();
    }

    /**
     * The facts of a patient as an EHR would code them: the sciatica type (unknown where not given), each red flag and
     * each finding in the service's own CodeSystem, the pain score, a lumbar microdiscectomy for spinal surgery, and
     * a birth date for the age, each dated as the facts date it. What an EHR cannot say (a red-flag screening, an
     * acute flare in words) it does not.
     */
    public static Ehr ofFacts(org.acupressurecds.knowledge.PatientFacts facts) {
        LocalDate day = facts.assessmentDate();
        Ehr ehr = record().condition(FINDING, facts.sciaticaType() == null ? "UNKNOWN" : facts.sciaticaType().name());
        facts.redFlags().forEach(flag -> ehr.condition(FINDING, flag.name()).noted(null,
                facts.redFlagsNotedOn().getOrDefault(flag, day)));
        if (Boolean.TRUE.equals(facts.largeDiscHerniationWithImpingement())) {
            ehr.condition(FINDING, "LARGE_DISC_HERNIATION_WITH_IMPINGEMENT");
        }
        if (Boolean.TRUE.equals(facts.medicalClearance())) {
            ehr.condition(FINDING, "MEDICAL_CLEARANCE").noted(null, facts.medicalClearanceDate());
        }
        if (Boolean.TRUE.equals(facts.referredLegPain())) {
            ehr.condition(FINDING, "REFERRED_LEG_PAIN");
        }
        if (Boolean.TRUE.equals(facts.sedentaryWork())) {
            ehr.condition(FINDING, "SEDENTARY_WORK");
        }
        if (facts.painScore() != null) {
            ehr.painScore(facts.painScore(), (facts.painScoreDate() == null ? day : facts.painScoreDate()).toString());
        }
        if (Boolean.TRUE.equals(facts.spinalSurgery())) {
            ehr.procedure("178625001", facts.spinalSurgeryDate() == null ? day : facts.spinalSurgeryDate());
        }
        if (facts.age() != null) {
            ehr.patient.setBirthDateElement(new org.hl7.fhir.r4.model.DateType(day.minusYears(facts.age())
                    .minusDays(1).toString()));
        }
        return ehr;
    }

    public static com.fasterxml.jackson.databind.JsonNode tree(Resource resource) {
        try {
            return JSON.readTree(FHIR.newJsonParser().encodeResourceToString(resource));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Patient patient() {
        Patient patient = new Patient();
        patient.setId(PATIENT_ID);
        patient.addName(new HumanName().setFamily("Doe").addGiven("Jane"));
        patient.setGender(Enumerations.AdministrativeGender.FEMALE);
        return patient;
    }

    static Bundle searchset(List<? extends Resource> resources) {
        Bundle bundle = new Bundle().setType(Bundle.BundleType.SEARCHSET).setTotal(resources.size());
        resources.forEach(r -> bundle.addEntry().setFullUrl("http://ehr.example/fhir/" + r.fhirType() + "/" + r.getIdPart())
                .setResource(r).getSearch().setMode(Bundle.SearchEntryMode.MATCH));
        return bundle;
    }

    private static OperationOutcome outcome() {
        OperationOutcome outcome = new OperationOutcome();
        outcome.addIssue().setSeverity(OperationOutcome.IssueSeverity.ERROR)
                .setCode(OperationOutcome.IssueType.TIMEOUT).setDiagnostics("Search timed out");
        return outcome;
    }

    private static CodeableConcept concept(String system, String code) {
        return new CodeableConcept().addCoding(new Coding(system, code, null));
    }
}
