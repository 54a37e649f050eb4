package org.acupressurecds.engine;

import java.util.List;

/** The rules folder could not be turned into a rule set; the problems say where and why. */
public class RuleSetException extends Exception {

    private final List<RuleProblem> problems;

    public RuleSetException(List<RuleProblem> problems) {
        super(problems.size() + " problem(s) in the rules:\n  "
                + String.join("\n  ", problems.stream().map(RuleProblem::toString).toList()));
        this.problems = List.copyOf(problems);
    }

    public List<RuleProblem> problems() {
        return problems;
    }
}
