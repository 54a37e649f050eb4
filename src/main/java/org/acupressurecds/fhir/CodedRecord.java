package org.acupressurecds.fhir;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.acupressurecds.engine.CodeTable;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/**
 * An EHR record as a rule author writes it in a scenario: the patient's conditions and procedures as codings with
 * their dates, pain scores and a birth date, made into the FHIR resources an EHR would prefetch and read by the same
 * reader as a CDS Hooks call, so a scenario can pin what each code row of the code tables means. A list left out was
 * not sent (the reader says so, as for a hook call without it); an empty list is a record with none.
 */
public record CodedRecord(LocalDate assessmentDate, LocalDate birthDate, List<CodedCondition> conditions,
        List<CodedProcedure> procedures, List<RecordedPainScore> painScores) {

    /** clinicalStatus (default active) and verificationStatus (default confirmed) as FHIR codes them. */
    public record CodedCondition(String system, String code, String clinicalStatus, String verificationStatus,
            LocalDate onset, LocalDate recorded) {
    }

    /** status as FHIR codes it (default completed). */
    public record CodedProcedure(String system, String code, String status, LocalDate performed) {
    }

    /** A pain score (LOINC 72514-3) and the day it was taken. */
    public record RecordedPainScore(int value, LocalDate taken) {
    }

    private static final String CLINICAL = "http://terminology.hl7.org/CodeSystem/condition-clinical";
    private static final String VERIFICATION = "http://terminology.hl7.org/CodeSystem/condition-ver-status";

    /** The id of the record's patient, whom every resource is about. */
    public static final String PATIENT = "scenario";

    /** The record as the reader reads it on its assessment date, with the given code table. */
    public FhirReading read(CodeTable codes) {
        Map<String, Prefetched> data = new LinkedHashMap<>();
        lists().forEach((key, resources) -> {
            if (key == PrefetchKey.PATIENT) {
                data.put(key.key(), Prefetched.of(resources.get(0)));
                return;
            }
            Bundle bundle = new Bundle().setType(Bundle.BundleType.SEARCHSET);
            resources.forEach(r -> bundle.addEntry().setResource(r).getSearch().setMode(Bundle.SearchEntryMode.MATCH));
            bundle.setTotal(resources.size());
            data.put(key.key(), Prefetched.of(bundle, key.needsWholeList()));
        });
        return new FhirPatientReader(codes, ZoneOffset.UTC).read(data, PATIENT, assessmentDate);
    }

    /** The record's FHIR resources, by the list a hook's prefetch carries them in; a list left out is not there. */
    public Map<PrefetchKey, List<Resource>> lists() {
        Map<PrefetchKey, List<Resource>> lists = new LinkedHashMap<>();
        if (birthDate != null) {
            lists.put(PrefetchKey.PATIENT, List.of(new Patient().setBirthDateElement(new DateType(birthDate.toString()))
                    .setId(PATIENT)));
        }
        put(lists, PrefetchKey.CONDITIONS, conditions, CodedRecord::condition);
        put(lists, PrefetchKey.PROCEDURES, procedures, CodedRecord::procedure);
        put(lists, PrefetchKey.PAIN_SCORES, painScores, CodedRecord::painScore);
        return lists;
    }

    private static <T> void put(Map<PrefetchKey, List<Resource>> lists, PrefetchKey key, List<T> items,
            Function<T, Resource> resource) {
        if (items == null) {
            return;
        }
        List<Resource> resources = new java.util.ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            Resource r = resource.apply(items.get(i));
            r.setId(key.key() + "-" + (i + 1));
            resources.add(r);
        }
        lists.put(key, resources);
    }

    private static Resource condition(CodedCondition c) {
        Condition condition = new Condition().setSubject(new Reference("Patient/" + PATIENT))
                .setCode(concept(c.system(), c.code()))
                .setClinicalStatus(concept(CLINICAL, c.clinicalStatus() == null ? "active" : c.clinicalStatus()))
                .setVerificationStatus(concept(VERIFICATION,
                        c.verificationStatus() == null ? "confirmed" : c.verificationStatus()));
        if (c.onset() != null) {
            condition.setOnset(new DateTimeType(c.onset().toString()));
        }
        if (c.recorded() != null) {
            condition.setRecordedDateElement(new DateTimeType(c.recorded().toString()));
        }
        return condition;
    }

    private static Resource procedure(CodedProcedure p) {
        Procedure procedure = new Procedure().setSubject(new Reference("Patient/" + PATIENT))
                .setCode(concept(p.system(), p.code()))
                .setStatus(Procedure.ProcedureStatus.fromCode(p.status() == null ? "completed" : p.status()));
        if (p.performed() != null) {
            procedure.setPerformed(new DateTimeType(p.performed().toString()));
        }
        return procedure;
    }

    private static Resource painScore(RecordedPainScore p) {
        Observation o = new Observation().setStatus(Observation.ObservationStatus.FINAL)
                .setCode(concept("http://loinc.org", "72514-3")).setSubject(new Reference("Patient/" + PATIENT))
                .setValue(new IntegerType(p.value()));
        if (p.taken() != null) {
            o.setEffective(new DateTimeType(p.taken().toString()));
        }
        return o;
    }

    private static CodeableConcept concept(String system, String code) {
        return new CodeableConcept().addCoding(new org.hl7.fhir.r4.model.Coding(system, code, null));
    }
}
