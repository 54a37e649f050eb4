package org.acupressurecds.engine;

import java.util.function.Supplier;
import org.acupressurecds.knowledge.Position;
import org.acupressurecds.knowledge.ProtocolWeek;

/**
 * A session's length as the rules gave it, in words that begin with its minutes ("10-15 minutes per side"), held to
 * its numbers, and cut to a session cap where one stands: the minutes become at most the cap, and so do the words'
 * leading numbers ("10 minutes per side"); the rest of the words are the rule's. A length whose words do not begin
 * with its minutes is a fault of the rule set, as two verdicts are.
 */
record SessionLength(String rulesetVersion, Integer cap) {

    Position of(Position p) {
        if (p.minMinutes() == null && p.maxMinutes() == null) {
            return p;
        }
        String words = capped(p.duration(), p.minMinutes(), p.maxMinutes(), () -> "position " + p.id());
        return words.equals(p.duration()) ? p : new Position(p.id(), p.name(), p.targetArea(), p.steps(), words,
                Math.min(p.minMinutes(), cap), Math.min(p.maxMinutes(), cap), p.side(), p.reason());
    }

    ProtocolWeek of(ProtocolWeek w) {
        String words = capped(w.sessionDuration(), w.minMinutes(), w.maxMinutes(),
                () -> "protocol row \"" + w.weeks() + "\"");
        return words.equals(w.sessionDuration()) ? w : new ProtocolWeek(w.order(), w.weeks(), words,
                Math.min(w.minMinutes(), cap), Math.min(w.maxMinutes(), cap), w.frequency(), w.positions(), w.focus(),
                w.reason());
    }

    /**
     * The words with their leading minutes cut to the cap; unchanged where there is no cap or it is not reached. What
     * they belong to is worded only for a fault: this runs for every position of every answer.
     */
    private String capped(String words, Integer min, Integer max, Supplier<String> what) {
        if (min == null || max == null || min > max) {
            throw new IllegalStateException("rule set " + rulesetVersion + ": the " + what.get() + " gives minutes " + min
                    + " to " + max + ": give both, the shorter first");
        }
        String given = min.equals(max) ? String.valueOf(max) : min + "-" + max;
        if (words == null || !words.startsWith(given) || words.length() > given.length()
                && Character.isDigit(words.charAt(given.length()))) {
            throw new IllegalStateException("rule set " + rulesetVersion + ": the " + what.get() + "'s length \"" + words
                    + "\" does not begin with its minutes, " + given);
        }
        if (cap == null || max <= cap) {
            return words;
        }
        int shortest = Math.min(min, cap);
        return (shortest == cap ? String.valueOf(cap) : shortest + "-" + cap) + words.substring(given.length());
    }
}
