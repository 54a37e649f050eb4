package org.acupressurecds.ruleset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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

        assertEquals(List.of(), RuleLint.check(ruleSet, "rules"));
    }

    @Test
    void lintFindsAMissingSourceAndUncoveredVocabulary(@TempDir Path folder) throws Exception {
        Files.writeString(folder.resolve("verdict.drl"), Files.readString(Path.of(MINIMAL)).replace(
                "    @source(\"Quick Answer: Does Acupressure Mat Help Sciatica?\")\n", ""));
        RuleSet ruleSet = new RuleSetLoader().load(folder);

        List<RuleProblem> problems = RuleLint.check(ruleSet, "rules");

        assertTrue(problems.stream().anyMatch(p -> p.line() != null && p.line() == 5
                && p.message().equals("rule \"Every patient is suitable in this minimal rule set\" has no @source(\"<guide section>\")")),
                problems::toString);
        assertTrue(problems.stream().anyMatch(p -> p.message().equals("no rule handles SciaticaType.SPINAL_STENOSIS")));
        assertTrue(problems.stream().anyMatch(p -> p.message().equals("no rule handles RedFlag.FOOT_DROP")));
    }

    /** A red flag is handled by a rule that tests it, as the parser read the rule: a comment or a string is not one. */
    @Test
    void aRedFlagNamedOnlyInACommentOrAStringIsNotHandled(@TempDir Path folder) throws Exception {
        Files.writeString(folder.resolve("verdict.drl"), Files.readString(Path.of(MINIMAL))
                .replace("when", "// RedFlag.FOOT_DROP is not tested here\nwhen")
                .replace("\"Use the mat.\"", "\"Use the mat (RedFlag.FOOT_DROP).\""));
        RuleSet ruleSet = new RuleSetLoader().load(folder);

        assertTrue(RuleLint.check(ruleSet, "rules").stream()
                .anyMatch(p -> p.message().equals("no rule handles RedFlag.FOOT_DROP")));
    }
}
