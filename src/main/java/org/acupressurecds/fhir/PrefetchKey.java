package org.acupressurecds.fhir;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the service reads of an EHR record, declared once: each prefetch key's resource type, the statuses that count,
 * the elements read, and whether its whole list is needed. Discovery's prefetch templates, the cut made before
 * parsing ({@link FhirPatientReader#onlyWhatIsRead}) and the reader's checks all come from here.
 */
public enum PrefetchKey {

    /** The patient, for the age: its id is checked against the context's. */
    PATIENT("patient", "Patient", null, Set.of(), Set.of("birthDate"), false),
    /** Active Conditions; recurrence and relapse are active too, and search by code does not say so. */
    CONDITIONS("conditions", "Condition", "clinical-status", Set.of("active", "recurrence", "relapse"),
            Set.of("clinicalStatus", "verificationStatus", "code", "bodySite", "subject", "onsetDateTime",
                    "onsetPeriod", "onsetAge", "onsetRange", "onsetString", "recordedDate"), true),
    /** Only the newest pain score matters, and the search sorts newest first: its first page is enough. */
    PAIN_SCORES("painScores", "Observation", null,
            Set.of("registered", "preliminary", "final", "amended", "corrected", "unknown"),
            Set.of("status", "code", "subject", "valueInteger", "valueQuantity", "effectiveDateTime",
                    "effectivePeriod", "effectiveInstant", "effectiveTiming", "issued"), false),
    /** A surgery under way, paused, stopped or of unknown status may have happened: only not-done and errors do not. */
    PROCEDURES("procedures", "Procedure", "status",
            Set.of("preparation", "in-progress", "on-hold", "stopped", "completed", "unknown"),
            Set.of("status", "code", "subject", "performedDateTime", "performedPeriod", "performedString",
                    "performedAge", "performedRange"), true);

    /** Read of every resource: besides its type and id, whether a modifier changes what it means. */
    static final Set<String> ALWAYS_READ = Set.of("resourceType", "id", "modifierExtension");

    private final String key;
    private final String resourceType;
    private final String statusParameter;
    private final Set<String> statusesThatCount;
    private final Set<String> elementsRead;
    private final boolean wholeList;

    PrefetchKey(String key, String resourceType, String statusParameter, Set<String> statusesThatCount,
            Set<String> elementsRead, boolean wholeList) {
        this.key = key;
        this.resourceType = resourceType;
        this.statusParameter = statusParameter;
        this.statusesThatCount = statusesThatCount;
        this.elementsRead = elementsRead;
        this.wholeList = wholeList;
    }

    /** The key's name in a hook request's prefetch and in discovery. */
    public String key() {
        return key;
    }

    public String resourceType() {
        return resourceType;
    }

    /** Whether a resource with this status (a Condition's clinical status) counts; one with none counts. */
    public boolean counts(String status) {
        return status == null || statusesThatCount.contains(status);
    }

    /** Whether every page of the list is needed: a list with more pages not read is incomplete. */
    public boolean needsWholeList() {
        return wholeList;
    }

    /** The FHIR query, with the {{context.patientId}} token CDS Hooks fills in. */
    public String template() {
        return switch (this) {
            case PATIENT -> "Patient/{{context.patientId}}";
            case PAIN_SCORES -> "Observation?patient={{context.patientId}}&code=http://loinc.org|"
                    + FhirPatientReader.PAIN_SEVERITY_0_10 + "&_sort=-date&_count=1";
            default -> resourceType + "?patient={{context.patientId}}&" + statusParameter + "="
                    + String.join(",", statusesThatCount.stream().sorted().toList());
        };
    }

    /** The elements read of a resource type; empty for a type no key reads. */
    static Optional<Set<String>> elementsReadOf(String resourceType) {
        return Arrays.stream(values()).filter(k -> k.resourceType.equals(resourceType)).findFirst()
                .map(k -> k.elementsRead);
    }

    public static Optional<PrefetchKey> named(String key) {
        return Arrays.stream(values()).filter(k -> k.key.equals(key)).findFirst();
    }

    /** Every key with its template, in order: discovery's prefetch. */
    public static Map<String, String> templates() {
        Map<String, String> templates = new LinkedHashMap<>();
        Arrays.stream(values()).forEach(k -> templates.put(k.key, k.template()));
        return templates;
    }
}
