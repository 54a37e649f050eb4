package org.acupressurecds.ruleset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.acupressurecds.engine.RulesSnapshot;
import org.acupressurecds.engine.RuleProblem;
import org.acupressurecds.engine.RuleSet;
import org.acupressurecds.engine.RuleSetLoader;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** The scenarios rule authors ship in rules/scenarios, each run as a test of its own on the real rules. */
class ScenariosTest {

    @TestFactory
    Stream<DynamicTest> everyShippedScenarioHolds() throws Exception {
        Path rules = Path.of("rules");
        RuleSet ruleSet = new RuleSetLoader().load(rules);
        List<Scenario.Located> scenarios = ScenarioFiles.read(RulesSnapshot.read(rules));
        ScenarioRunner runner = new ScenarioRunner();
        assertTrue(scenarios.size() >= 40, "scenarios for every row of the guide's tables");
        return scenarios.stream().map(s -> DynamicTest.dynamicTest(s.scenario().name(), () -> {
            List<RuleProblem> failures = runner.run(ruleSet, List.of(s));
            assertEquals(List.of(), failures);
        }));
    }
}
