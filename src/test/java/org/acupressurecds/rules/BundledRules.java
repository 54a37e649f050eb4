package org.acupressurecds.rules;

import java.nio.file.Path;
import org.acupressurecds.engine.Evaluator;
import org.acupressurecds.engine.RuleSet;
import org.acupressurecds.engine.RuleSetException;
import org.acupressurecds.engine.RuleSetLoader;
import org.acupressurecds.knowledge.Assessment;

/** The real rules/ folder, compiled once by the real loader and shared by the rule tests. */
final class BundledRules {

    static final RuleSet RULES = load();
    private static final Evaluator EVALUATOR = new Evaluator();

    private BundledRules() {
    }

    static Assessment assess(Patient patient) {
        return EVALUATOR.evaluate(RULES, patient.facts());
    }

    private static RuleSet load() {
        try {
            return new RuleSetLoader().load(Path.of("rules"));
        } catch (RuleSetException e) {
            throw new AssertionError(e.getMessage(), e);
        }
    }
}
