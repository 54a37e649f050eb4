package org.acupressurecds.ruleset;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.acupressurecds.engine.RuleProblem;

/** Where every attempt to load, reload or validate the rules is kept, with who made it and what it changed. */
@FunctionalInterface
public interface RuleSetJournal {

    enum Kind {
        LOAD,
        RELOAD,
        VALIDATE
    }

    /**
     * One attempt. outcome: SERVED, UNCHANGED or REJECTED for a load or reload; VALID or INVALID for a validate.
     * before and after: the authored files (name to text) serving before it and those it checked.
     */
    record Entry(Kind kind, String actor, Instant at, String versionBefore, String versionAfter, String outcome,
            List<RuleProblem> problems, Map<String, String> before, Map<String, String> after) {
    }

    void record(Entry entry);
}
