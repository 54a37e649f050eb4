package org.acupressurecds.fhir;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
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
import ca.uhn.fhir.model.api.TemporalPrecisionEnum;
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
import org.hl7.fhir.r4.model.DomainResource;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

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
        List<String> notes = new ArrayList<>();
        Account account = new Account(patientId);
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
                .recordEntriesUnread(account.leftOpen() ? true : null);
        findings.redFlags.forEach(flag -> record.redFlag(flag.getKey(), flag.getValue()));
        findings.mentioned.forEach(record::redFlagMentioned);
        List<PatientFacts> facts = candidates.stream().map(type -> record.sciaticaType(type).build()).toList();
        return new FhirReading(facts, notes, account.notRead(), false);
    }

    /** Why a resource was set aside; unreadable ones leave the record open: no plan until someone checks them. */
    private enum SetAside {
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

    /** Every resource given, read or set aside; the incomplete lists; and what of it the card must say. */
    private final class Account {
        private final String patientId;
        private final Map<String, Integer> counts = new LinkedHashMap<>();
        private final List<String> gaps = new ArrayList<>();
        private boolean unreadable;
        private boolean incomplete;

        Account(String patientId) {
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
            counts.merge(resourceType + "|" + why.name(), 1, Integer::sum);
            unreadable |= why.unreadable;
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
            for (Map.Entry<String, Integer> count : counts.entrySet()) {
                String resourceType = count.getKey().substring(0, count.getKey().indexOf('|'));
                SetAside why = SetAside.valueOf(count.getKey().substring(count.getKey().indexOf('|') + 1));
                int n = count.getValue();
                lines.add(n + " " + resourceType + (n == 1 ? " " + why.one : "s " + why.several) + ".");
                entries += n;
            }
            lines.addAll(gaps);
            return new FhirReading.NotRead(List.copyOf(lines), entries, gaps.size());
        }
    }

    private enum Subject { THIS_PATIENT, ANOTHER_PATIENT, NOT_SAID }

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
        Boolean medicalClearance;
        LocalDate medicalClearanceDate;
        Boolean largeDisc;
        Boolean referredLegPain;
        Boolean sedentaryWork;

        void add(Condition condition, Account account, LocalDate today, List<String> notes) {
            if (!PrefetchKey.CONDITIONS.counts(firstCode(condition.getClinicalStatus()))
                    || hasAny(condition.getVerificationStatus(), NOT_TRUE)) {
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
                    account.setAside("Condition", condition.getCode().hasCoding() ? SetAside.UNKNOWN_SYSTEM
                            : SetAside.NO_CODE);
                }
                return;
            }
            boolean suspected = hasAny(condition.getVerificationStatus(), SUSPECTED);
            boolean subjectSaid = account.subject(condition) == Subject.THIS_PATIENT;
            meanings.forEach(m -> record(m, condition, subjectSaid, today, suspected, notes));
            if (meanings.stream().anyMatch(m -> m.fact() == Fact.SCIATICA_TYPE)) {
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
    private PainScore newestPainScore(List<Observation> observations, Account account, List<String> notes) {
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
                account.setAside("Observation", loinc ? SetAside.NOT_A_PAIN_SCORE
                        : o.getCode().hasCoding() ? SetAside.UNKNOWN_SYSTEM : SetAside.NO_CODE);
                continue;
            }
            Optional<Integer> value = painValue(o);
            if (value.isEmpty()) {
                notes.add("A pain score was ignored: its value is not a number from 0 to 10.");
                continue;
            }
            Span taken = o.hasEffectiveDateTimeType() ? span(o.getEffectiveDateTimeType())
                    : o.hasEffectiveInstantType() ? span(o.getEffectiveInstantType())
                    : o.hasEffectivePeriod() ? span(o.getEffectivePeriod())
                    : o.hasIssued() ? span(o.getIssuedElement()) : null;
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
    private Surgery newestSpinalSurgery(List<Procedure> procedures, Account account, LocalDate today,
            List<String> notes) {
        Surgery newest = null;
        for (Procedure p : procedures) {
            String status = p.hasStatus() ? p.getStatus().toCode() : null;
            if (!PrefetchKey.PROCEDURES.counts(status)) {
                continue;
            }
            List<Coding> read = p.getCode().getCoding().stream().filter(c -> codes.reads(c.getSystem())).toList();
            if (read.isEmpty()) {
                account.setAside("Procedure", p.getCode().hasCoding() ? SetAside.UNKNOWN_SYSTEM : SetAside.NO_CODE);
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
            return latest(span(p.getPerformedDateTimeType()), today);
        }
        if (p.hasPerformedPeriod()) {
            Period period = p.getPerformedPeriod();
            if (!period.hasEnd() && NOT_OVER.contains(status)) {
                return today; // under way: as recent as can be
            }
            return latest(span(period), today);
        }
        return null; // no date, or one as text, an age or a range: not known, so taken as recent by the rules
    }

    private static void noteUnavailable(Prefetched data, String what, String check, List<String> notes) {
        if (data instanceof Prefetched.Unavailable unavailable) {
            notes.add(what + " could not be read (" + unavailable.why() + "), so " + check + " could not use them.");
        }
    }

    private static String firstCode(CodeableConcept concept) {
        return concept.getCoding().stream().map(Coding::getCode).filter(c -> c != null).findFirst().orElse(null);
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
        Span onset = condition.hasOnsetDateTimeType() ? span(condition.getOnsetDateTimeType())
                : condition.hasOnsetPeriod() ? span(condition.getOnsetPeriod()) : null;
        if (hasOnset && onset == null && side == Side.LATEST) {
            return null;
        }
        Span recorded = span(condition.getRecordedDateElement());
        return newest(day(onset, today, side), day(recorded, today, side));
    }

    private static LocalDate day(Span span, LocalDate today, Side side) {
        return span == null ? null : side == Side.EARLIEST ? span.earliest() : latest(span, today);
    }

    /** The latest day a date can mean, but not after today; a date wholly after today stays as it is. */
    private static LocalDate latest(Span span, LocalDate today) {
        if (span == null) {
            return null;
        }
        return span.latest().isAfter(today) && !span.earliest().isAfter(today) ? today : span.latest();
    }

    private static LocalDate newest(LocalDate a, LocalDate b) {
        return a == null ? b : b == null || a.isAfter(b) ? a : b;
    }

    /**
     * What a FHIR date can mean, in days of the clinical time zone: its first and last day (the same for a full date
     * or a timestamp; a year's or a month's for "2026" or "2026-05") and the instant it starts, to order by.
     */
    private record Span(LocalDate earliest, LocalDate latest, Instant start, boolean partial) {
    }

    /** A period by its end where it has one (when it was over), else its start. */
    private Span span(Period period) {
        return period.hasEnd() ? span(period.getEndElement()) : span(period.getStartElement());
    }

    /**
     * Null where the element has no date (only an extension, such as a data-absent-reason). A date without a time is
     * that calendar date; a timestamp is converted to the clinical zone, so the day does not flip at UTC midnight.
     */
    private Span span(BaseDateTimeType dateTime) {
        if (dateTime == null || dateTime.getValue() == null) {
            return null;
        }
        TemporalPrecisionEnum precision = dateTime.getPrecision();
        if (precision == TemporalPrecisionEnum.YEAR || precision == TemporalPrecisionEnum.MONTH) {
            LocalDate first = precision == TemporalPrecisionEnum.YEAR ? LocalDate.of(dateTime.getYear(), 1, 1)
                    : LocalDate.of(dateTime.getYear(), dateTime.getMonth() + 1, 1);
            LocalDate last = precision == TemporalPrecisionEnum.YEAR ? first.withMonth(12).withDayOfMonth(31)
                    : YearMonth.from(first).atEndOfMonth();
            return new Span(first, last, first.atStartOfDay(clinicalZone).toInstant(), true);
        }
        if (precision == TemporalPrecisionEnum.DAY) {
            LocalDate day = LocalDate.of(dateTime.getYear(), dateTime.getMonth() + 1, dateTime.getDay());
            return new Span(day, day, day.atStartOfDay(clinicalZone).toInstant(), false);
        }
        Instant instant = dateTime.getValue().toInstant();
        LocalDate day = LocalDate.ofInstant(instant, clinicalZone);
        return new Span(day, day, instant, false);
    }
}
