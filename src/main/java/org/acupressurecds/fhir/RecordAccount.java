package org.acupressurecds.fhir;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.DomainResource;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/**
 * Every resource the EHR gave, read or set aside with its reason; the lists found incomplete; and what of it the card
 * must say. A resource of another patient changes nothing but the count; one that cannot be read, or an incomplete
 * list, leaves the record open: no plan until someone checks it.
 */
final class RecordAccount {

    /** Why a resource was set aside; unreadable ones leave the record open: no plan until someone checks them. */
    enum SetAside {
        OTHER_PATIENT(false, "was for another patient and was left out", "were for another patient and were left out"),
        UNKNOWN_SYSTEM(true, "could not be read: its code system is not known",
                "could not be read: their code systems are not known"),
        NO_CODE(true, "could not be read: it has no code", "could not be read: they have no code"),
        UNKNOWN_MODIFIER(true, "could not be read: it carries a modifier extension this service does not understand",
                "could not be read: they carry a modifier extension this service does not understand"),
        NOT_IN_THIS_LIST(true, "could not be read: it is not of the kind its list holds",
                "could not be read: they are not of the kind their list holds"),
        NOT_A_PAIN_SCORE(false, "was not a 0-10 pain score (LOINC 72514-3) and was left out",
                "were not 0-10 pain scores (LOINC 72514-3) and were left out");

        final boolean unreadable;
        final String one;
        final String several;

        SetAside(boolean unreadable, String one, String several) {
            this.unreadable = unreadable;
            this.one = one;
            this.several = several;
        }
    }

    private final String patientId;
    /** What was set aside, by its resource type and why, in the order first met. */
    private record Kind(String resourceType, SetAside why) {
    }

    private final Map<Kind, Integer> counts = new LinkedHashMap<>();
    private final List<String> gaps = new ArrayList<>();
    /** Resources of types no list holds, by type: a record sent whole (to $apply) holds many, none of them read. */
    private final Map<String, Integer> kindsNotRead = new java.util.TreeMap<>();
    private boolean unreadable;
    private boolean incomplete;

    RecordAccount(String patientId) {
        this.patientId = patientId;
    }

    /** The resources of a key that can be read, each other one set aside with its reason. */
    <T extends DomainResource> List<T> readable(Prefetched data, PrefetchKey key, Class<T> type) {
        if (!(data instanceof Prefetched.Found found)) {
            return List.of();
        }
        if (!found.gaps().isEmpty()) {
            // Only the newest pain score is read: a gap there may hide it, not a red flag or a surgery.
            gaps.add("The list of " + listName(key) + " is incomplete (" + String.join("; ", found.gaps())
                    + "): " + (key.needsWholeList() ? "what is missing may be a red flag or a recent spinal "
                    + "surgery." : "the newest may be missing."));
            incomplete |= key.needsWholeList();
        }
        List<T> readable = new ArrayList<>();
        for (Resource r : found.resources()) {
            if (!type.isInstance(r)) {
                setAside(r.fhirType(), SetAside.NOT_IN_THIS_LIST);
            } else if (r instanceof DomainResource d && d.hasModifierExtension()) {
                setAside(r.fhirType(), SetAside.UNKNOWN_MODIFIER);
            } else if (subject(type.cast(r)) == Subject.ANOTHER_PATIENT) {
                setAside(r.fhirType(), SetAside.OTHER_PATIENT);
            } else {
                readable.add(type.cast(r));
            }
        }
        return readable;
    }

    void setAside(String resourceType, SetAside why) {
        counts.merge(new Kind(resourceType, why), 1, Integer::sum);
        unreadable |= why.unreadable;
    }

    /** Resources of types this service reads nothing of (Encounters, Claims…): counted, never a gap in the record. */
    void kindsNotRead(Map<String, Integer> byType) {
        byType.forEach((type, n) -> kindsNotRead.merge(type, n, Integer::sum));
    }

    /** Whether the patient's subject is this patient, another, or not said (no reference to a Patient). */
    Subject subject(DomainResource resource) {
        Reference subject = resource instanceof Condition c ? c.getSubject()
                : resource instanceof Observation o ? o.getSubject()
                : resource instanceof Procedure p ? p.getSubject() : null;
        String reference = subject == null ? null : subject.getReference();
        if (reference == null || reference.isBlank() || reference.startsWith("#")) {
            return Subject.NOT_SAID; // an identifier, a display or a contained resource: not said which patient
        }
        return patientId != null && patientId.equals(patientIdIn(reference)) ? Subject.THIS_PATIENT
                : Subject.ANOTHER_PATIENT;
    }

    /** Whether the record leaves something open: an entry that could not be read, or an incomplete list. */
    boolean leftOpen() {
        return unreadable || incomplete;
    }

    FhirReading.NotRead notRead() {
        List<String> lines = new ArrayList<>();
        int entries = 0;
        for (Map.Entry<Kind, Integer> count : counts.entrySet()) {
            SetAside why = count.getKey().why();
            int n = count.getValue();
            lines.add(n + " " + count.getKey().resourceType() + (n == 1 ? " " + why.one : "s " + why.several) + ".");
            entries += n;
        }
        int others = kindsNotRead.values().stream().mapToInt(Integer::intValue).sum();
        if (others > 0) {
            lines.add(others + (others == 1 ? " entry is" : " entries are") + " of a kind this service does not read ("
                    + String.join(", ", kindsNotRead.entrySet().stream().map(k -> k.getKey() + " " + k.getValue())
                    .toList()) + ") and " + (others == 1 ? "was" : "were") + " left out.");
            entries += others;
        }
        lines.addAll(gaps);
        return new FhirReading.NotRead(List.copyOf(lines), entries, gaps.size());
    }

    /** Whom a resource is about, as the reader can tell. */
    enum Subject { THIS_PATIENT, ANOTHER_PATIENT, NOT_SAID }

    private static String listName(PrefetchKey key) {
        return switch (key) {
            case CONDITIONS -> "conditions";
            case PAIN_SCORES -> "pain scores";
            case PROCEDURES -> "procedures";
            case PATIENT -> "patients";
        };
    }

    /**
     * The id of the Patient a reference names, or null where it names no Patient: relative (Patient/p1), absolute
     * (https://ehr/fhir/Patient/p1), versioned (Patient/p1/_history/2), or a urn:uuid, whose uuid is the id.
     */
    static String patientIdIn(String reference) {
        String r = reference.strip();
        if (r.startsWith("urn:uuid:")) {
            return r.substring("urn:uuid:".length());
        }
        String[] parts = r.split("/");
        for (int i = parts.length - 2; i >= 0; i--) {
            if (parts[i].equals("Patient") && (i + 2 >= parts.length || parts[i + 2].equals("_history"))) {
                return parts[i + 1];
            }
        }
        return null;
    }
}
