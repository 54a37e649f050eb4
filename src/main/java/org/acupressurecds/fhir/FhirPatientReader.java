package org.acupressurecds.fhir;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.acupressurecds.engine.CodeSystems;
import org.acupressurecds.engine.CodeTable;
import org.acupressurecds.engine.CodeTable.Fact;
import org.acupressurecds.engine.CodeTable.Meaning;
import org.acupressurecds.knowledge.Laterality;
import org.acupressurecds.knowledge.PatientFacts;
import org.acupressurecds.knowledge.RedFlag;
import org.acupressurecds.knowledge.SciaticaType;
import org.hl7.fhir.r4.model.BaseDateTimeType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Procedure;

/**
 * Turns the EHR's Conditions, pain-score Observations and Procedures into patient facts, and accounts for every
 * resource it was given: each is read, or set aside with a reason the card states. Codes are looked up in the
 * {@link CodeTable}; a code of a system it reads but does not list is about something else, as most of a record is.
 * A fact the record does not state stays null: an EHR's silence is not a clinician's "no". Where the record leaves
 * something open (a red flag named only in words, an entry that could not be read, an incomplete list) the facts say
 * so, and the rules give no plan. Every reading choice is listed in the README, "How an EHR record is read".
 */
public final class FhirPatientReader {

    public static final String CONDITIONS = PrefetchKey.CONDITIONS.key();
    public static final String PAIN_SCORES = PrefetchKey.PAIN_SCORES.key();
    public static final String PROCEDURES = PrefetchKey.PROCEDURES.key();

    static final String PAIN_SEVERITY_0_10 = "72514-3";

    private static final Set<String> NOT_TRUE = Set.of("refuted", "entered-in-error");
    /** The clinical statuses that take a condition out; any other coding (or none) leaves it counting. */
    private static final Set<String> NOT_ACTIVE = Set.of("inactive", "remission", "resolved");
    private static final Set<String> SUSPECTED = Set.of("provisional", "differential", "unconfirmed");
    /** Procedures not over: a period without an end means it may be going on today. */
    private static final Set<String> NOT_OVER = Set.of("preparation", "in-progress", "on-hold");

    private final CodeTable codes;
    private final ZoneId clinicalZone;

    /** clinicalZone: where "today" is; an EHR timestamp with another offset is converted to it. */
    public FhirPatientReader(CodeTable codes, ZoneId clinicalZone) {
        this.codes = codes;
        this.clinicalZone = clinicalZone;
    }

    /**
     * A resource as JSON, cut to what this reader reads ({@link PrefetchKey}): the elements read of the types read,
     * and of any other type (an OperationOutcome, a Bundle and its entries) all but the narrative, which is for
     * people. A copy, only as deep as it cuts: the JSON given is left as it was.
     */
    public static ObjectNode onlyWhatIsRead(ObjectNode resource) {
        ObjectNode copy = resource.objectNode();
        Optional<Set<String>> read = PrefetchKey.elementsReadOf(resource.path("resourceType").asText());
        resource.fields().forEachRemaining(field -> {
            if (read.isEmpty() ? !field.getKey().equals("text")
                    : read.get().contains(field.getKey()) || PrefetchKey.ALWAYS_READ.contains(field.getKey())) {
                copy.set(field.getKey(), field.getValue());
            }
        });
        if (read.isEmpty() && copy.get("entry") instanceof ArrayNode entries) {
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

    /** patientId: the context patient's id; a resource about another patient is left out and counted. */
    public FhirReading read(Map<String, Prefetched> data, String patientId, LocalDate today) {
        return read(data, patientId, today, Map.of());
    }

    /**
     * kindsNotRead: how many resources of each type no list holds came with the record (a record sent whole, as to
     * $apply), which the reading counts among what it did not read.
     */
    public FhirReading read(Map<String, Prefetched> data, String patientId, LocalDate today,
            Map<String, Integer> kindsNotRead) {
        List<String> notes = new ArrayList<>();
        RecordAccount account = new RecordAccount(patientId);
        account.kindsNotRead(kindsNotRead);
        Findings findings = new Findings();
        Prefetched conditions = data.get(CONDITIONS);
        if (conditions instanceof Prefetched.Unavailable unavailable) {
            notes.add("The patient's conditions could not be read (" + unavailable.why() + "), so sciatica and its "
                    + "red flags could not be checked.");
            return new FhirReading(List.of(), notes, FhirReading.NotRead.NOTHING, true);
        }
        for (Condition c : account.readable(conditions, PrefetchKey.CONDITIONS, Condition.class)) {
            findings.add(c, account, today, notes);
        }
        if (findings.types.isEmpty()) {
            return new FhirReading(List.of(), notes, FhirReading.NotRead.NOTHING, false);
        }

        Integer age = age(account.readable(data.get(PrefetchKey.PATIENT.key()), PrefetchKey.PATIENT, Patient.class),
                today, notes);
        PainScore pain = newestPainScore(account.readable(data.get(PAIN_SCORES), PrefetchKey.PAIN_SCORES,
                Observation.class), account, notes);
        Surgery surgery = newestSpinalSurgery(account.readable(data.get(PROCEDURES), PrefetchKey.PROCEDURES,
                Procedure.class), account, today, notes);
        noteUnavailable(data.get(PAIN_SCORES), "Pain scores", "the acute-flare check", notes);
        noteUnavailable(data.get(PROCEDURES), "Procedures", "the recent-surgery check", notes);

        List<SciaticaType> named = findings.types.stream().filter(t -> t != SciaticaType.UNKNOWN).toList();
        List<SciaticaType> candidates = named.isEmpty() ? List.of(SciaticaType.UNKNOWN) : named;
        if (named.size() > 1) {
            notes.add("Conflicting sciatica types are coded (" + named.stream()
                    .map(t -> t.name().toLowerCase(Locale.ROOT).replace('_', ' '))
                    .collect(Collectors.joining(", ")) + "): the most cautious answer is shown.");
        }
        PatientFacts.Builder record = PatientFacts.builder(null, today).notScreened()
                .painScore(pain == null ? null : pain.value(), pain == null ? null : pain.date())
                .spinalSurgery(surgery == null ? null : true, surgery == null ? null : surgery.date())
                .medicalClearance(findings.medicalClearance, findings.medicalClearanceDate)
                .largeDiscHerniationWithImpingement(findings.largeDisc)
                .referredLegPain(findings.referredLegPain)
                .sedentaryWork(findings.sedentaryWork)
                .laterality(findings.laterality())
                .age(age)
                .recordEntriesUnread(account.leftOpen() ? true : null);
        findings.redFlags.forEach(flag -> record.redFlag(flag.getKey(), flag.getValue()));
        findings.mentioned.forEach(record::redFlagMentioned);
        List<PatientFacts> facts = candidates.stream().map(type -> record.sciaticaType(type).build()).toList();
        return new FhirReading(facts, notes, account.notRead(), false, List.copyOf(findings.sciaticaConditions));
    }

    private record PainScore(int value, LocalDate date, Instant taken) {
    }

    /** date: null where the newest surgery's date is not known. */
    private record Surgery(LocalDate date) {
    }

    /** The facts coded across the patient's current conditions. */
    private final class Findings {
        final Set<SciaticaType> types = new LinkedHashSet<>();
        /** Each red flag coded, with the date its condition was noted on (null: not dated). */
        final List<Map.Entry<RedFlag, LocalDate>> redFlags = new ArrayList<>();
        final Set<RedFlag> mentioned = EnumSet.noneOf(RedFlag.class);
        final Set<Laterality> sides = EnumSet.noneOf(Laterality.class);
        /** The ids (FHIR ids only) of this patient's conditions that coded a sciatica type, for a care plan to address. */
        final Set<String> sciaticaConditions = new LinkedHashSet<>();
        Boolean medicalClearance;
        LocalDate medicalClearanceDate;
        Boolean largeDisc;
        Boolean referredLegPain;
        Boolean sedentaryWork;

        void add(Condition condition, RecordAccount account, LocalDate today, List<String> notes) {
            if (!clinicallyCurrent(condition.getClinicalStatus()) || hasAny(condition.getVerificationStatus(), NOT_TRUE)) {
                return;
            }
            List<Coding> read = condition.getCode().getCoding().stream().filter(c -> codes.reads(c.getSystem())).toList();
            List<Meaning> meanings = read.stream().map(c -> codes.lookup(c.getSystem(), c.getCode()))
                    .flatMap(Optional::stream).toList();
            if (meanings.isEmpty()) {
                Map<String, RedFlag> named = namedRedFlags(condition.getCode());
                if (!named.isEmpty()) {
                    mentioned.addAll(named.values());
                    notes.add("A condition names " + String.join(", ", named.keySet().stream()
                            .map(p -> "\"" + p + "\"").toList()) + " in words, not in a code this service reads: "
                            + "it is taken as a red flag to confirm.");
                } else if (read.isEmpty()) {
                    account.setAside("Condition", condition.getCode().hasCoding() ? RecordAccount.SetAside.UNKNOWN_SYSTEM
                            : RecordAccount.SetAside.NO_CODE);
                }
                return;
            }
            boolean suspected = hasAny(condition.getVerificationStatus(), SUSPECTED);
            boolean subjectSaid = account.subject(condition) == RecordAccount.Subject.THIS_PATIENT;
            meanings.forEach(m -> record(m, condition, subjectSaid, today, suspected, notes));
            if (meanings.stream().anyMatch(m -> m.fact() == Fact.SCIATICA_TYPE)) {
                String id = condition.getIdElement().getIdPart();
                if (subjectSaid && id != null && ActionableResources.isFhirId(id)) {
                    sciaticaConditions.add(id);
                }
                // The body site of another condition (a knee, say) says nothing of the sciatica's side.
                condition.getBodySite().stream().flatMap(site -> site.getCoding().stream())
                        .map(c -> codes.lookup(c.getSystem(), c.getCode()))
                        .flatMap(Optional::stream)
                        .filter(m -> m.fact() == Fact.SIDE)
                        .forEach(m -> sides.add(m.laterality()));
            }
        }

        private void record(Meaning meaning, Condition condition, boolean subjectSaid, LocalDate today,
                boolean suspected, List<String> notes) {
            if (meaning.laterality() != null) {
                sides.add(meaning.laterality());
            }
            switch (meaning.fact()) {
                case SCIATICA_TYPE -> types.add(SciaticaType.valueOf(meaning.value()));
                case RED_FLAG -> {
                    redFlags.add(new java.util.AbstractMap.SimpleEntry<>(RedFlag.valueOf(meaning.value()),
                            noted(condition, today, Side.LATEST)));
                    if (suspected) {
                        notes.add("Suspected " + meaning.display() + " (recorded as provisional or differential) "
                                + "counts as a red flag.");
                    }
                }
                case LARGE_DISC_HERNIATION_WITH_IMPINGEMENT -> largeDisc = true;
                case MEDICAL_CLEARANCE -> {
                    if (subjectSaid) {
                        medicalClearance = true;
                        medicalClearanceDate = newest(medicalClearanceDate, noted(condition, today, Side.EARLIEST));
                    } else {
                        notes.add("A medical clearance does not name the patient it is for, so it does not count.");
                    }
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

    /** The red flags a condition's text or its codings' displays name, by the phrase that names each. */
    private Map<String, RedFlag> namedRedFlags(CodeableConcept code) {
        Map<String, RedFlag> named = new LinkedHashMap<>();
        Stream.concat(Stream.of(code.getText()), code.getCoding().stream().map(Coding::getDisplay))
                .forEach(text -> named.putAll(codes.redFlagsNamedIn(text)));
        return named;
    }

    /**
     * The newest pain score with its date: by the time it was taken (a day without a time counts from its start), and
     * the higher of two taken at the same time. An undated one only where none is dated, and the rules judge its age;
     * one dated only to its month or year is not today's pain, whichever day it was.
     */
    private PainScore newestPainScore(List<Observation> observations, RecordAccount account, List<String> notes) {
        List<PainScore> scores = new ArrayList<>();
        for (Observation o : observations) {
            String status = o.hasStatus() ? o.getStatus().toCode() : null;
            if (!PrefetchKey.PAIN_SCORES.counts(status)) {
                continue;
            }
            if (o.getCode().getCoding().stream().noneMatch(c -> CodeSystems.is(c.getSystem(), c.getCode(),
                    CodeSystems.LOINC, PAIN_SEVERITY_0_10))) {
                // Another LOINC observation is something else; one in no system this service reads may be the score.
                boolean loinc = o.getCode().getCoding().stream()
                        .anyMatch(c -> CodeSystems.LOINC.equals(CodeSystems.canonical(c.getSystem())));
                account.setAside("Observation", loinc ? RecordAccount.SetAside.NOT_A_PAIN_SCORE
                        : o.getCode().hasCoding() ? RecordAccount.SetAside.UNKNOWN_SYSTEM : RecordAccount.SetAside.NO_CODE);
                continue;
            }
            Optional<Integer> value = painValue(o);
            if (value.isEmpty()) {
                notes.add("A pain score was ignored: its value is not a number from 0 to 10.");
                continue;
            }
            RecordedDate taken = o.hasEffectiveDateTimeType() ? date(o.getEffectiveDateTimeType())
                    : o.hasEffectiveInstantType() ? date(o.getEffectiveInstantType())
                    : o.hasEffectivePeriod() ? date(o.getEffectivePeriod())
                    : o.hasIssued() ? date(o.getIssuedElement()) : null;
            scores.add(new PainScore(value.get(), taken == null || taken.partial() ? null : taken.earliest(),
                    taken == null ? null : taken.start()));
        }
        PainScore newest = scores.stream().max(Comparator.comparing(PainScore::taken,
                        Comparator.nullsFirst(Comparator.naturalOrder())).thenComparing(PainScore::value))
                .orElse(null);
        if (newest != null && newest.taken() != null && newest.date() == null) {
            notes.add("The newest pain score is dated only to its month or year, so it is not taken as today's pain.");
        }
        return newest;
    }

    /**
     * The age in whole years on the assessment date, from the birth date; one given only as a year or a month counts
     * as the earliest day it can mean, the oldest the patient can be. Null where there is no usable birth date.
     */
    private Integer age(List<Patient> patients, LocalDate today, List<String> notes) {
        RecordedDate born = patients.stream().filter(Patient::hasBirthDateElement)
                .map(p -> date(p.getBirthDateElement())).filter(d -> d != null).findFirst().orElse(null);
        if (born == null) {
            return null;
        }
        if (born.earliest().isAfter(today)) {
            notes.add("The patient's birth date is after today, so the age is not known.");
            return null;
        }
        int years = java.time.Period.between(born.earliest(), today).getYears();
        if (born.partial()) {
            notes.add("The patient's birth date is given only as a year or a month, so the age is taken as the oldest "
                    + "it can be: " + years + ".");
        }
        return years;
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

    /**
     * The newest spinal surgery; its date is unknown where any surgery has no usable date, as that one may be
     * newest. A date counts as the latest day it can mean (a surgery in "2026" may have been this week).
     */
    private Surgery newestSpinalSurgery(List<Procedure> procedures, RecordAccount account, LocalDate today,
            List<String> notes) {
        Surgery newest = null;
        for (Procedure p : procedures) {
            String status = p.hasStatus() ? p.getStatus().toCode() : null;
            if (!PrefetchKey.PROCEDURES.counts(status)) {
                continue;
            }
            List<Coding> read = p.getCode().getCoding().stream().filter(c -> codes.reads(c.getSystem())).toList();
            if (read.isEmpty()) {
                account.setAside("Procedure", p.getCode().hasCoding() ? RecordAccount.SetAside.UNKNOWN_SYSTEM : RecordAccount.SetAside.NO_CODE);
                continue;
            }
            if (read.stream().noneMatch(c -> codes.lookup(c.getSystem(), c.getCode())
                    .filter(m -> m.fact() == Fact.SPINAL_SURGERY).isPresent())) {
                continue;
            }
            LocalDate date = performed(p, status, today);
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

    /** When a procedure was done, as the latest day it can mean; null where the record gives no date to use. */
    private LocalDate performed(Procedure p, String status, LocalDate today) {
        if (p.hasPerformedDateTimeType()) {
            RecordedDate performed = date(p.getPerformedDateTimeType());
            return performed == null ? null : performed.latestUpTo(today);
        }
        if (p.hasPerformedPeriod()) {
            Period period = p.getPerformedPeriod();
            if (!period.hasEnd() && NOT_OVER.contains(status)) {
                return today; // under way: as recent as can be
            }
            RecordedDate performed = date(period);
            return performed == null ? null : performed.latestUpTo(today);
        }
        return null; // no date, or one as text, an age or a range: not known, so taken as recent by the rules
    }

    private static void noteUnavailable(Prefetched data, String what, String check, List<String> notes) {
        if (data instanceof Prefetched.Unavailable unavailable) {
            notes.add(what + " could not be read (" + unavailable.why() + "), so " + check + " could not use them.");
        }
    }

    /**
     * Whether a condition's clinical status lets it count: one of the statuses the conditions key counts, or none
     * that says it is over. A status in a local coding only, or a first coding of another system, is not read as over.
     */
    private static boolean clinicallyCurrent(CodeableConcept status) {
        List<String> codes = status.getCoding().stream().map(Coding::getCode).filter(c -> c != null).toList();
        return codes.stream().anyMatch(PrefetchKey.CONDITIONS::counts) || codes.stream().noneMatch(NOT_ACTIVE::contains);
    }

    private static boolean hasAny(CodeableConcept concept, Set<String> codes) {
        return concept.getCoding().stream().anyMatch(c -> c.getCode() != null && codes.contains(c.getCode()));
    }

    private enum Side { EARLIEST, LATEST }

    /**
     * When a condition was noted: the newer of its onset and its recorded date, each taken as the earliest or the
     * latest day a partial date can mean (the safe side differs: latest for a red flag, earliest for a clearance).
     * Null where it has neither, or an onset that is no date (an age, a range, a text): the rules take it as today.
     */
    private LocalDate noted(Condition condition, LocalDate today, Side side) {
        boolean hasOnset = condition.hasOnset();
        RecordedDate onset = condition.hasOnsetDateTimeType() ? date(condition.getOnsetDateTimeType())
                : condition.hasOnsetPeriod() ? date(condition.getOnsetPeriod()) : null;
        if (hasOnset && onset == null && side == Side.LATEST) {
            return null;
        }
        RecordedDate recorded = date(condition.getRecordedDateElement());
        return newest(day(onset, today, side), day(recorded, today, side));
    }

    private static LocalDate day(RecordedDate date, LocalDate today, Side side) {
        return date == null ? null : side == Side.EARLIEST ? date.earliest() : date.latestUpTo(today);
    }

    private static LocalDate newest(LocalDate a, LocalDate b) {
        return a == null ? b : b == null || a.isAfter(b) ? a : b;
    }

    private RecordedDate date(BaseDateTimeType dateTime) {
        return RecordedDate.of(dateTime, clinicalZone);
    }

    private RecordedDate date(Period period) {
        return RecordedDate.of(period, clinicalZone);
    }
}
