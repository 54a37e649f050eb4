package org.acupressurecds.ruleset;

import java.nio.file.Path;
import java.time.Period;
import java.util.List;
import java.util.Map;
import org.acupressurecds.engine.RuleSet;

/** What a draft rule set would change in the decisions on record: the impact of an edit before it goes live. */
public interface ImpactAnalysis {

    /**
     * decisions: how many were replayed; transitions: verdict before → after with counts and up to five examples;
     * newlyFiring and stoppingFiring: rule name → in how many decisions it would start or stop firing.
     */
    record Impact(Period period, long decisions, List<Transition> transitions, Map<String, Long> newlyFiring,
            Map<String, Long> stoppingFiring, long millis) {
    }

    record Transition(String from, String to, long count, List<Example> examples) {
    }

    /**
     * facts: the pseudonymised facts replayed, each example a different patient; what changed: the rules that would
     * stop firing and those that would newly fire.
     */
    record Example(Object facts, List<String> stoppingFiring, List<String> newlyFiring) {
    }

    /** Replays every decision recorded in the period, each on its own assessment date, against the draft. */
    Impact of(RuleSet draft, Period period);

    /**
     * Writes the decisions of the period to a file, for the replay in the process where drafts are checked
     * ({@link CheckProcess}); how many.
     */
    long export(Period period, Path file);

    /** A replay of exported decisions against a draft, in the process that checks it. */
    @FunctionalInterface
    interface Replay {
        Impact of(RuleSet draft, Period period, Path exported);
    }
}
