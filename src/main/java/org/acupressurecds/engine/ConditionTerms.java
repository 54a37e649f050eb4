package org.acupressurecds.engine;

import java.time.Period;
import java.util.Collections;
import java.util.HashSet;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * What the conditions of a rule set compare with, read from their checked trees: every number of days a count of
 * days is compared with ({@code daysAgo( painScoreDate ) <= 7}), every whole number a whole-number fact is compared
 * with ({@code age >= 70}), every shift of a date ({@code assessmentDate.minusMonths( 6 )}) and every vocabulary
 * constant ({@code RedFlag.FOOT_DROP}). The safety
 * gate tries the patient's dates on both sides of each, so a condition cannot hide a red flag behind a date the gate
 * never tries (every other fact takes every value it can); the lint checks that some condition names every sciatica
 * type and red flag.
 */
public record ConditionTerms(SortedSet<Long> days, SortedSet<Long> numbers, Set<Period> dateShifts,
        SortedSet<String> constants) {

    public ConditionTerms {
        days = Collections.unmodifiableSortedSet(new TreeSet<>(days));
        numbers = Collections.unmodifiableSortedSet(new TreeSet<>(numbers));
        dateShifts = Set.copyOf(dateShifts);
        constants = Collections.unmodifiableSortedSet(new TreeSet<>(constants));
    }

    /** Collects the terms while the conditions are checked. */
    static final class Collector {
        private final SortedSet<Long> days = new TreeSet<>();
        private final SortedSet<Long> numbers = new TreeSet<>();
        private final Set<Period> shifts = new HashSet<>();
        private final SortedSet<String> constants = new TreeSet<>();

        /** A number a count of days is compared with. */
        void days(long n) {
            days.add(n);
        }

        /** A whole number a whole-number fact (an age, a pain score) is compared with. */
        void number(long n) {
            numbers.add(n);
        }

        /** A vocabulary constant, as Type.CONSTANT. */
        void constant(Class<?> vocabulary, String constant) {
            constants.add(vocabulary.getSimpleName() + "." + constant);
        }

        void dateShift(String method, int amount) {
            int signed = method.startsWith("minus") ? -amount : amount;
            shifts.add(switch (method.substring(method.startsWith("minus") ? 5 : 4)) {
                case "Days" -> Period.ofDays(signed);
                case "Weeks" -> Period.ofWeeks(signed);
                case "Months" -> Period.ofMonths(signed);
                default -> Period.ofYears(signed);
            });
        }

        ConditionTerms terms() {
            return new ConditionTerms(days, numbers, shifts, constants);
        }
    }
}
