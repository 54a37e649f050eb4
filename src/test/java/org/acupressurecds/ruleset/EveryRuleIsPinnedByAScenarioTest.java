package org.acupressurecds.ruleset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.acupressurecds.BesideTheService;
import org.acupressurecds.engine.RulesSnapshot;
import org.acupressurecds.engine.RuleSet;
import org.acupressurecds.engine.RuleSetException;
import org.acupressurecds.engine.RuleSetLoader;
import org.junit.jupiter.api.Test;

/**
 * The DRL version of killing mutants: for every rule, the rule set without it must fail some shipped scenario. A rule
 * whose removal no scenario notices is either dead or untested.
 */
@BesideTheService
class EveryRuleIsPinnedByAScenarioTest {

    private static final Path RULES = Path.of("rules");

    @Test
    void removingAnyRuleFailsAScenario() throws Exception {
        RuleSetLoader loader = new RuleSetLoader();
        ScenarioRunner runner = new ScenarioRunner();
        RulesSnapshot rules = RulesSnapshot.read(RULES);
        RuleSet full = loader.load(rules);
        List<Scenario.Located> scenarios = ScenarioFiles.read(rules);
        List<String> survivors = new ArrayList<>();
        for (RuleSet.RuleInfo rule : full.rules()) {
            String file = rule.file().substring("rules/".length());
            String without = withoutRule(rules.drl().get(file), rule.name());
            try {
                // Scenarios only: the safety gate and the lint are tested on their own, and would cost minutes here.
                if (runner.run(loader.load(rules.with(Map.of(file, without))), scenarios).isEmpty()) {
                    survivors.add(rule.name());
                }
            } catch (RuleSetException e) {
                // a rule set that no longer compiles without it is noticed too
            }
        }
        assertEquals(List.of(), survivors, "rules no scenario notices the removal of");
    }

    /** The file with the rule's declaration, from its {@code rule "name"} line to its {@code end}, taken out. */
    static String withoutRule(String drl, String name) {
        Matcher block = Pattern.compile("(?ms)^rule\\s+\"" + Pattern.quote(name) + "\".*?^end\\s*$").matcher(drl);
        assertTrue(block.find(), "rule \"" + name + "\" not found");
        return drl.substring(0, block.start()) + drl.substring(block.end());
    }
}
