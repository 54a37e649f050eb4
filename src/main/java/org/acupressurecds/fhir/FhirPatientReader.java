package org.acupressurecds.fhir;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import ca.uhn.fhir.model.api.TemporalPrecisionEnum;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.acupressurecds.engine.CodeTable;
import org.acupressurecds.engine.CodeTable.Fact;
import org.acupressurecds.engine.CodeTable.Meaning;
import org.acupressurecds.knowledge.Laterality;
import org.acupressurecds.knowledge.PatientFacts;
import org.acupressurecds.knowledge.RedFlag;
import org.acupressurecds.knowledge.SciaticaType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.Resource;

/**
 * Turns the EHR's Conditions, pain-score Observations and Procedures into patient facts. Codes are looked up in
 * the {@link CodeTable}; codes it does not know are ignored, as most of a patient's record is about other things.
 * A fact the record does not state stays null: an EHR's silence is not a clinician's "no".
 */
public final class FhirPatientReader {

    public static final String CONDITIONS = "conditions";
    public static final String PAIN_SCORES = "painScores";
    public static final String PROCEDURES = "procedures";

    static final String LOINC = "http://loinc.org";
    static final String PAIN_SEVERITY_0_10 = "72514-3";

    private static final Set<String> INACTIVE = Set.of("inactive", "remission", "resolved");
    private static final Set<String> NOT_TRUE = Set.of("refuted", "entered-in-error");
    private static final Set<String> SUSPECTED = Set.of("provisional", "differential", "unconfirmed");

    /**
     * The elements of each resource type this reader reads (besides resourceType and id). Of the Patient, only that
     * there is one. Keep it in step with the reading below: {@link #onlyWhatIsRead} cuts the prefetch to it before
     * HAPI FHIR parses it, as parsing what is never read cost a CDS Hooks call more than deciding.
     */
    static final Map<String, Set<String>> ELEMENTS_READ = Map.of(
            "Patient", Set.of(),
            "Condition", Set.of("clinicalStatus", "verificationStatus", "code", "bodySite", "onsetDateTime",
                    "onsetPeriod", "recordedDate"),
            "Observation", Set.of("status", "code", "valueInteger", "valueQuantity", "effectiveDateTime",
                    "effectivePeriod", "issued"),
            "Procedure", Set.of("status", "code", "performedDateTime", "performedPeriod"));
    private static final Set<String> ALWAYS = Set.of("resourceType", "id");

    private final CodeTable codes;
    private final ZoneId clinicalZone;

    /** clinicalZone: where "today" is; an EHR timestamp with another offset is converted to it. */
    public FhirPatientReader(CodeTable codes, ZoneId clinicalZone) {
        this.codes = codes;
        this.clinicalZone = clinicalZone;
    }

    /**
     * A resource as JSON, cut to what this reader reads: the elements above of the types above, and of any other
     * type (an OperationOutcome, a Bundle and its entries) all but the narrative, which is for people. A copy, only
     * as deep as it cuts: the JSON given is left as it was.
     */
    public static ObjectNode onlyWhatIsRead(ObjectNode resource) {
        ObjectNode copy = resource.objectNode();
        Set<String> read = ELEMENTS_READ.get(resource.path("resourceType").asText());
        resource.fields().forEachRemaining(field -> {
            if (read == null ? !field.getKey().equals("text")
                    : read.contains(field.getKey()) || ALWAYS.contains(field.getKey())) {
                copy.set(field.getKey(), field.getValue());
            }
        });
        if (read == null && copy.get("entry") instanceof ArrayNode entries) {
            ArrayNode cut = copy.putArray("entry");
            entries.forEach(entry -> {
                if (entry instanceof ObjectNode e && e.get("resource") instanceof ObjectNode inner) {
                    ObjectNode cutEntry = cut.addObject();
                    cutEntry.setAll(e);
                    cutEntry.set("resource", onlyWhatIsRead(inner));
                } else {
                    cut.add(entry);
                }
            });
        }
        return copy;
    }

    public FhirReading read(Map<String, Prefetched> data, LocalDate today) {
        List<String> notes = new ArrayList<>();
        Findings findings = new Findings();
        Prefetched conditions = data.get(CONDITIONS);
        if (conditions instanceof Prefetched.Unavailable unavailable) {
            notes.add("The patient's conditions could not be read (" + unavailable.why() + "), so sciatica and its "
                    + "red flags could not be checked.");
            return new FhirReading(List.of(), notes, true);
        }
        resources(conditions, Condition.class).forEach(c -> findings.add(c, notes));
        if (findings.types.isEmpty()) {
            return new FhirReading(List.of(), notes, false);
        }

        PainScore pain = newestPainScore(data.get(PAIN_SCORES), notes);
        Surgery surgery = newestSpinalSurgery(data.get(PROCEDURES), today, notes);
        noteUnavailable(data.get(PAIN_SCORES), "Pain scores", "the acute-flare check", notes);
        noteUnavailable(data.get(PROCEDURES), "Procedures", "the recent-surgery check", notes);

        List<SciaticaType> named = findings.types.stream().filter(t -> t != SciaticaType.UNKNOWN).toList();
        List<SciaticaType> candidates = named.isEmpty() ? List.of(SciaticaType.UNKNOWN) : named;
        if (named.size() > 1) {
            notes.add("Conflicting sciatica types are coded (" + named.stream()
                    .map(t -> t.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '))
                    .collect(Collectors.joining(", ")) + "): the most cautious answer is shown.");
        }
        PatientFacts.Builder record = PatientFacts.builder(null, today).notScreened()
                .painScore(pain == null ? null : pain.value(), pain == null ? null : pain.date())
                .spinalSurgery(surgery == null ? null : true, surgery == null ? null : surgery.date())
                .medicalClearance(findings.medicalClearance, findings.medicalClearanceDate)
                .largeDiscHerniationWithImpingement(findings.largeDisc)
                .referredLegPain(findings.referredLegPain)
                .sedentaryWork(findings.sedentaryWork)
                .laterality(findings.laterality());
        findings.redFlags.forEach(flag -> record.redFlag(flag.getKey(), flag.getValue()));
        List<PatientFacts> facts = candidates.stream().map(type -> record.sciaticaType(type).build()).toList();
        return new FhirReading(facts, notes, false);
    }

    private record PainScore(int value, LocalDate date) {
    }

    /** date: null where the newest surgery's date is not known. */
    private record Surgery(LocalDate date) {
    }

    /** The facts coded across the patient's current conditions. */
    private final class Findings {
        final Set<SciaticaType> types = new LinkedHashSet<>();
        /** Each red flag coded, with the date its condition was noted on (null: not dated). */
        final List<Map.Entry<RedFlag, LocalDate>> redFlags = new ArrayList<>();
        final Set<Laterality> sides = EnumSet.noneOf(Laterality.class);
        Boolean medicalClearance;
        LocalDate medicalClearanceDate;
        Boolean largeDisc;
        Boolean referredLegPain;
        Boolean sedentaryWork;

        void add(Condition condition, List<String> notes) {
            if (hasAny(condition.getClinicalStatus(), INACTIVE) || hasAny(condition.getVerificationStatus(), NOT_TRUE)) {
                return;
            }
            boolean suspected = hasAny(condition.getVerificationStatus(), SUSPECTED);
            boolean sciatica = false;
            for (Coding coding : condition.getCode().getCoding()) {
                Optional<Meaning> meaning = codes.lookup(coding.getSystem(), coding.getCode());
                meaning.ifPresent(m -> record(m, noted(condition), suspected, notes));
                sciatica |= meaning.filter(m -> m.fact() == Fact.SCIATICA_TYPE).isPresent();
            }
            if (sciatica) { // the body site of another condition (a knee, say) says nothing of the sciatica's side
                condition.getBodySite().stream().flatMap(site -> site.getCoding().stream())
                        .map(c -> codes.lookup(c.getSystem(), c.getCode()))
                        .flatMap(Optional::stream)
                        .filter(m -> m.fact() == Fact.SIDE)
                        .forEach(m -> sides.add(m.laterality()));
            }
        }

        private void record(Meaning meaning, LocalDate noted, boolean suspected, List<String> notes) {
            if (meaning.laterality() != null) {
                sides.add(meaning.laterality());
            }
            switch (meaning.fact()) {
                case SCIATICA_TYPE -> types.add(SciaticaType.valueOf(meaning.value()));
                case RED_FLAG -> {
                    redFlags.add(new java.util.AbstractMap.SimpleEntry<>(RedFlag.valueOf(meaning.value()), noted));
                    if (suspected) {
                        notes.add("Suspected " + meaning.display() + " (recorded as provisional or differential) "
                                + "counts as a red flag.");
                    }
                }
                case LARGE_DISC_HERNIATION_WITH_IMPINGEMENT -> largeDisc = true;
                case MEDICAL_CLEARANCE -> {
                    medicalClearance = true;
                    medicalClearanceDate = newest(medicalClearanceDate, noted);
                }
                case REFERRED_LEG_PAIN -> referredLegPain = true;
                case SEDENTARY_WORK -> sedentaryWork = true;
                case SPINAL_SURGERY -> { } // a procedure, read from Procedures
                case SIDE -> { } // a body site, read with the condition it belongs to
            }
        }

        Laterality laterality() {
            if (sides.contains(Laterality.BILATERAL) || sides.size() > 1) {
                return Laterality.BILATERAL;
            }
            return sides.stream().findFirst().orElse(null);
        }
    }

    /** The newest pain score with its date; an undated one only where none is dated, and the rules judge its age. */
    private PainScore newestPainScore(Prefetched observations, List<String> notes) {
        List<PainScore> scores = new ArrayList<>();
        for (Observation o : resources(observations, Observation.class)) {
            String status = o.hasStatus() ? o.getStatus().toCode() : "";
            if (!isCoded(o.getCode(), LOINC, PAIN_SEVERITY_0_10) || status.equals("entered-in-error")
                    || status.equals("cancelled")) {
                continue;
            }
            Optional<Integer> value = painValue(o);
            if (value.isEmpty()) {
                notes.add("A pain score was ignored: its value is not a number from 0 to 10.");
                continue;
            }
            LocalDate date = o.hasEffectiveDateTimeType() ? localDate(o.getEffectiveDateTimeType())
                    : o.hasEffectivePeriod() ? localDate(o.getEffectivePeriod().getStartElement())
                    : o.hasIssued() ? localDate(new DateTimeType(o.getIssued())) : null;
            scores.add(new PainScore(value.get(), date));
        }
        return scores.stream().max(Comparator.comparing(PainScore::date, Comparator.nullsFirst(Comparator.naturalOrder())))
                .orElse(null);
    }

    /** A 0-10 score, decimals rounded half up (7.5 counts as 8): a decimal score is read, never dropped. */
    private static Optional<Integer> painValue(Observation o) {
        // A value may be only a data-absent-reason extension: no number at all.
        BigDecimal value = o.hasValueIntegerType() && o.getValueIntegerType().getValue() != null
                ? BigDecimal.valueOf(o.getValueIntegerType().getValue())
                : o.hasValueQuantity() ? o.getValueQuantity().getValue() : null;
        if (value == null || value.compareTo(BigDecimal.ZERO) < 0 || value.compareTo(BigDecimal.TEN) > 0) {
            return Optional.empty();
        }
        return Optional.of(value.setScale(0, RoundingMode.HALF_UP).intValue());
    }

    /** The newest spinal surgery; its date is unknown where any surgery has no usable date, as that one may be newest. */
    private Surgery newestSpinalSurgery(Prefetched procedures, LocalDate today, List<String> notes) {
        Surgery newest = null;
        for (Procedure p : resources(procedures, Procedure.class)) {
            if (p.getStatus() != Procedure.ProcedureStatus.COMPLETED || !isSpinalSurgery(p.getCode())) {
                continue;
            }
            LocalDate date = p.hasPerformedDateTimeType() ? localDate(p.getPerformedDateTimeType())
                    : p.hasPerformedPeriod() && p.getPerformedPeriod().hasEnd()
                            ? localDate(p.getPerformedPeriod().getEndElement())
                            : p.hasPerformedPeriod() ? localDate(p.getPerformedPeriod().getStartElement()) : null;
            if (date != null && date.isAfter(today)) {
                notes.add("A spinal surgery is recorded with a date after today, so its date is not used.");
                date = null;
            }
            boolean unknown = date == null || newest != null && newest.date() == null;
            newest = unknown ? new Surgery(null)
                    : newest == null || date.isAfter(newest.date()) ? new Surgery(date) : newest;
        }
        return newest;
    }

    private boolean isSpinalSurgery(CodeableConcept code) {
        return code.getCoding().stream().anyMatch(c -> codes.lookup(c.getSystem(), c.getCode())
                .filter(m -> m.fact() == Fact.SPINAL_SURGERY).isPresent());
    }

    private static void noteUnavailable(Prefetched data, String what, String check, List<String> notes) {
        if (data instanceof Prefetched.Unavailable unavailable) {
            notes.add(what + " could not be read (" + unavailable.why() + "), so " + check + " could not use them.");
        }
    }

    private static <T extends Resource> List<T> resources(Prefetched data, Class<T> type) {
        return data instanceof Prefetched.Found found
                ? found.resources().stream().filter(type::isInstance).map(type::cast).toList()
                : List.of();
    }

    private static boolean hasAny(CodeableConcept concept, Set<String> codes) {
        return concept.getCoding().stream().anyMatch(c -> c.getCode() != null && codes.contains(c.getCode()));
    }

    private static boolean isCoded(CodeableConcept concept, String system, String code) {
        return concept.getCoding().stream().anyMatch(c -> system.equals(c.getSystem()) && code.equals(c.getCode()));
    }

    /** When a condition was noted: the newer of its onset and its recorded date; null where it has neither. */
    private LocalDate noted(Condition condition) {
        LocalDate onset = condition.hasOnsetDateTimeType() ? localDate(condition.getOnsetDateTimeType())
                : condition.hasOnsetPeriod() ? localDate(condition.getOnsetPeriod().getStartElement()) : null;
        return newest(onset, localDate(condition.getRecordedDateElement()));
    }

    private static LocalDate newest(LocalDate a, LocalDate b) {
        return a == null ? b : b == null || a.isAfter(b) ? a : b;
    }

    /**
     * The date in the clinical time zone, or null where the element has none (only an extension, such as a
     * data-absent-reason). A date without a time is that calendar date; a timestamp is converted to the clinical zone,
     * so the day does not flip at UTC midnight.
     */
    private LocalDate localDate(DateTimeType dateTime) {
        if (dateTime == null || dateTime.getValue() == null) {
            return null;
        }
        if (dateTime.getPrecision().compareTo(TemporalPrecisionEnum.DAY) <= 0) {
            return LocalDate.of(dateTime.getYear(), dateTime.getMonth() + 1, dateTime.getDay());
        }
        return LocalDate.ofInstant(dateTime.getValue().toInstant(), clinicalZone);
    }
}
