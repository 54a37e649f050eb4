package org.acupressurecds.authoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.acupressurecds.engine.RuleProblem;
import org.acupressurecds.engine.RuleSet;
import org.acupressurecds.engine.RuleSetLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The conventions of rules/ that keep the rules reviewable against the guide. */
class RuleLintTest {

    private static final Path GUIDE = Path.of("docs/guide/sciatica-acupressure-guide.txt");
    private static final String MINIMAL = "src/test/resources/rulesets/valid-minimal/verdict.drl";

    @Test
    void bundledRulesFollowTheLint() throws Exception {
        Path rules = Path.of("rules");
        RuleSet ruleSet = new RuleSetLoader().load(rules);

        assertEquals(List.of(), RuleLint.check(ruleSet, RuleSetLoader.readRuleFiles(rules, "rules", Map.of()), "rules"));
    }

    @Test
    void lintFindsAMissingSourceAndUncoveredVocabulary(@TempDir Path folder) throws Exception {
        Files.writeString(folder.resolve("verdict.drl"), Files.readString(Path.of(MINIMAL)).replace(
                "    @source(\"Quick Answer: Does Acupressure Mat Help Sciatica?\")\n", ""));
        RuleSet ruleSet = new RuleSetLoader().load(folder);

        List<RuleProblem> problems = RuleLint.check(ruleSet, RuleSetLoader.readRuleFiles(folder, "rules", Map.of()), "rules");

        assertTrue(problems.stream().anyMatch(p -> p.line() != null && p.line() == 5
                && p.message().equals("rule \"Every patient is suitable in this minimal rule set\" has no @source(\"<guide section>\")")),
                problems::toString);
        assertTrue(problems.stream().anyMatch(p -> p.message().equals("no rule handles SciaticaType.SPINAL_STENOSIS")));
        assertTrue(problems.stream().anyMatch(p -> p.message().equals("no rule handles RedFlag.FOOT_DROP")));
    }

    @Test
    void wordsInCommentsAndTextDoNotCount() {
        String drl = "package rules; // update me\nrule \"x\" when then insertLogical(\"global salience\"); end\n";

        assertEquals("package rules; \nrule \"\" when then insertLogical(\"\"); end\n", RuleLint.withoutCommentsAndStrings(drl));
        assertEquals("a \n b\nc", RuleLint.withoutCommentsAndStrings("a /* one\ntwo */ b\nc"), "line numbers are kept");
    }
}
