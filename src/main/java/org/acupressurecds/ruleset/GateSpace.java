package org.acupressurecds.ruleset;

import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiConsumer;
import org.acupressurecds.engine.ConditionTerms;
import org.acupressurecds.knowledge.Laterality;
import org.acupressurecds.knowledge.PatientFacts;
import org.acupressurecds.knowledge.RedFlag;
import org.acupressurecds.knowledge.SciaticaType;

/**
 * The patients the safety gate tries, derived from what the rule set's conditions compare with: every fact of the
 * patient takes every value that can change a verdict (true, false and absent; every pain score; every sciatica
 * type and side), and every date is tried on both sides of each number of days and each date shift a condition
 * names (a score taken 7 days ago and 8; surgery 6 months ago, a day before and a day after), on today and on a
 * few calendar dates where months are short. The facts are combined pairwise, so a condition that hides a red flag
 * behind one fact, or two together, is found; the red flags themselves are then tried each alone and all together.
 */
final class GateSpace {

    /** Dates further than this from the assessment are tried as one far date: a decade. */
    private static final long FAR = 3650;
    /** Calendar dates besides today where date arithmetic is least regular: a leap day, month ends, a new year. */
    private static final List<LocalDate> OTHER_DAYS = List.of(LocalDate.of(2028, 2, 29), LocalDate.of(2027, 8, 31),
            LocalDate.of(2027, 1, 1));

    /** One fact of the patient, with the values the gate tries and how each is set. */
    private record Factor<T>(String name, List<T> values, BiConsumer<Row, T> set) {
        void apply(Row row, int index) {
            set.accept(row, values.get(index));
        }
    }

    /** The values of one base patient, as the factors set them. */
    static final class Row {
        SciaticaType type;
        boolean screened;
        Integer pain;
        Period painTaken;
        Boolean surgery;
        Period surgeryOn;
        Boolean clearance;
        Period clearedOn;
        Boolean largeDisc;
        Boolean referred;
        Boolean sedentary;
        Laterality side;
        Integer age;
        Period flagsNoted;
        LocalDate today;
        final List<String> described = new ArrayList<>();

        PatientFacts patient(Set<RedFlag> flags) {
            return PatientFacts.builder(type, today)
                    .redFlags(flags, screened, flag -> on(flagsNoted))
                    .painScore(pain, on(painTaken))
                    .spinalSurgery(surgery, on(surgeryOn))
                    .medicalClearance(clearance, on(clearedOn))
                    .largeDiscHerniationWithImpingement(largeDisc)
                    .referredLegPain(referred)
                    .sedentaryWork(sedentary)
                    .laterality(side)
                    .age(age)
                    .build();
        }

        /** Whether red flags noted this way are current: screened, or noted on the day. */
        boolean flagsCurrent() {
            return screened || flagsNoted == null || flagsNoted.isZero();
        }

        String describe() {
            return String.join(", ", described);
        }

        private LocalDate on(Period offset) {
            return offset == null ? null : today.plus(offset);
        }
    }

    private final List<Factor<?>> factors;

    private GateSpace(List<Factor<?>> factors) {
        this.factors = factors;
    }

    /** The space for rules whose conditions compare with terms, assessed today and on the other days. */
    static GateSpace of(ConditionTerms terms, LocalDate today) {
        List<Period> dates = new ArrayList<>(offsets(terms));
        dates.add(0, null);
        List<LocalDate> days = new ArrayList<>(List.of(today));
        days.addAll(OTHER_DAYS);
        List<Integer> pains = new ArrayList<>();
        pains.add(null);
        for (int p = 0; p <= 10; p++) {
            pains.add(p);
        }
        List<Boolean> yesNo = Arrays.asList(null, false, true);
        List<Integer> ages = new ArrayList<>(ages(terms));
        ages.add(0, null);
        List<Laterality> sides = new ArrayList<>(Arrays.asList(Laterality.values()));
        sides.add(0, null);
        return new GateSpace(List.of(
                new Factor<>("sciaticaType", List.of(SciaticaType.values()), (r, v) -> r.type = v),
                new Factor<>("redFlagsScreened", List.of(true, false), (r, v) -> r.screened = v),
                new Factor<>("painScore", pains, (r, v) -> r.pain = v),
                new Factor<>("painScoreDate", dates, (r, v) -> r.painTaken = v),
                new Factor<>("spinalSurgery", yesNo, (r, v) -> r.surgery = v),
                new Factor<>("spinalSurgeryDate", dates, (r, v) -> r.surgeryOn = v),
                new Factor<>("medicalClearance", yesNo, (r, v) -> r.clearance = v),
                new Factor<>("medicalClearanceDate", dates, (r, v) -> r.clearedOn = v),
                new Factor<>("largeDiscHerniationWithImpingement", yesNo, (r, v) -> r.largeDisc = v),
                new Factor<>("referredLegPain", yesNo, (r, v) -> r.referred = v),
                new Factor<>("sedentaryWork", yesNo, (r, v) -> r.sedentary = v),
                new Factor<>("laterality", sides, (r, v) -> r.side = v),
                new Factor<>("age", ages, (r, v) -> r.age = v),
                new Factor<>("redFlagsNotedOn", dates, (r, v) -> r.flagsNoted = v),
                new Factor<>("assessmentDate", days, (r, v) -> r.today = v)));
    }

    /**
     * Every fact of the patient the gate varies, by its PatientFacts name: the factors, the red flags each row is tried
     * with, and what a record leaves open ({@link SafetyGate}). A fact not here is one the gate never tries.
     */
    Set<String> factsTried() {
        Set<String> names = new LinkedHashSet<>(List.of("redFlags", "redFlagsMentioned", "recordEntriesUnread"));
        factors.forEach(factor -> names.add(factor.name()));
        return names;
    }

    /** Ages on both sides of every whole number the conditions compare a fact with, and the youngest and oldest. */
    static Set<Integer> ages(ConditionTerms terms) {
        Set<Integer> ages = new TreeSet<>(List.of(0, 40, 130));
        for (long n : terms.numbers()) {
            for (long age : new long[] {n - 1, n, n + 1}) {
                ages.add((int) Math.max(0, Math.min(130, age)));
            }
        }
        return ages;
    }

    /**
     * Offsets from the assessment date on both sides of every number of days and every date shift the conditions
     * name, a day either way, the day itself, and a date long ago.
     */
    static Set<Period> offsets(ConditionTerms terms) {
        Set<Period> offsets = new LinkedHashSet<>(List.of(Period.ZERO, Period.ofDays(-1), Period.ofDays(1)));
        for (long n : terms.days()) {
            for (long daysAgo : new long[] {n - 1, n, n + 1}) {
                offsets.add(Period.ofDays((int) -Math.max(-FAR, Math.min(FAR, daysAgo))));
            }
        }
        for (Period shift : terms.dateShifts()) {
            offsets.add(shift.minusDays(1));
            offsets.add(shift);
            offsets.add(shift.plusDays(1));
        }
        offsets.add(Period.ofYears(-10));
        return offsets;
    }

    /** The base patients, one at a time, paired as {@link PairwiseRows} says. */
    Rows rows() {
        return new Rows(new PairwiseRows(factors.stream().mapToInt(f -> f.values().size()).toArray()));
    }

    /** The base patients in turn; after each, say whether it counted (would get a plan without red flags). */
    final class Rows {
        private final PairwiseRows pairs;

        private Rows(PairwiseRows pairs) {
            this.pairs = pairs;
        }

        /** The next base patient, or null when every pair of facts has been tried. */
        Row next() {
            int[] indexes = pairs.next();
            if (indexes == null) {
                return null;
            }
            Row row = new Row();
            for (int f = 0; f < factors.size(); f++) {
                Factor<?> factor = factors.get(f);
                factor.apply(row, indexes[f]);
                Object value = factor.values().get(indexes[f]);
                if (value != null && f > 0) {
                    row.described.add(factor.name() + " " + (value instanceof Period p ? inWords(p) : value));
                }
            }
            return row;
        }

        void counted(boolean counted) {
            pairs.counted(counted);
        }
    }

    /** "8 days before", "6 months before, 1 day later": from the assessment day. */
    static String inWords(Period offset) {
        if (offset.isZero()) {
            return "on the assessment day";
        }
        List<String> parts = new ArrayList<>();
        int[] amounts = {offset.getYears(), offset.getMonths(), offset.getDays()};
        String[] units = {"year", "month", "day"};
        for (int i = 0; i < 3; i++) {
            int n = amounts[i];
            if (n != 0) {
                String amount = Math.abs(n) + " " + units[i] + (Math.abs(n) == 1 ? "" : "s");
                parts.add(amount + (parts.isEmpty() ? (n < 0 ? " before" : " after") : (n < 0 ? " earlier" : " later")));
            }
        }
        return String.join(", ", parts);
    }
}
