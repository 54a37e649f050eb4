package org.acupressurecds.ruleset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.acupressurecds.knowledge.Guide;
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
                && p.message().startsWith("rule \"Every patient is suitable in this minimal rule set\" has no @source: cite the guide")
                && p.message().contains("or a local policy recorded in policies.yaml, @source(\"Local policy > <name>\")")),
                problems::toString);
        assertTrue(problems.stream().anyMatch(p -> p.message().equals("no rule handles SciaticaType.SPINAL_STENOSIS")));
        assertTrue(problems.stream().anyMatch(p -> p.message().equals("no rule handles RedFlag.FOOT_DROP")));
    }

    /** A phrase found somewhere in the guide is no citation: it must name a section, and an item under it. */
    @Test
    void aCitationNamesARealSectionAndOneItemUnderIt(@TempDir Path folder) throws Exception {
        Files.writeString(folder.resolve("verdict.drl"), Files.readString(Path.of(MINIMAL)).replace(
                "Quick Answer: Does Acupressure Mat Help Sciatica?", "the mat"));
        RuleSet ruleSet = new RuleSetLoader().load(folder);

        assertTrue(RuleLint.check(ruleSet, "rules").stream().anyMatch(p -> p.line() != null && p.line() == 5
                && p.message().startsWith("rule \"Every patient is suitable in this minimal rule set\" cites \"the mat\": "
                        + "\"the mat\" is not a section heading of the guide")), () -> RuleLint.check(ruleSet, "rules").toString());
    }

    @Test
    void aPhraseThatNoItemOfTheSectionHoldsIsRefused() {
        assertEquals(Optional.of("no item of the section \"Types of Sciatica and Acupressure Mat Response\" holds \"pain\"; "
                + "its items begin: \"Piriformis syndrome Piriformis muscle compressing sciatic …\"; \"Lumbar paraspinal "
                + "tension Tight back muscles …\"; \"Sacroiliac joint dysfunction SI joint inflammation/misalignment …\"; "
                + "\"Disc herniation (L4-S1) Herniated disc pressing …\"; \"Spinal stenosis Narrowing of spinal canal …\"; "
                + "\"Key takeaway: If your sciatica is …\""),
                GuideCitation.problem("Types of Sciatica and Acupressure Mat Response > pain", Guide.shipped()));
    }

    @Test
    void aNearMissOfASectionOrAnItemGetsDidYouMean() {
        assertEquals(Optional.of("\"When Not to Use an Acupressure Mat for Sciatica\" is not a section heading of the guide "
                + "(docs/guide/sciatica-acupressure-guide.txt); did you mean \"When NOT to Use an Acupressure Mat for Sciatica\"?"),
                GuideCitation.problem("When Not to Use an Acupressure Mat for Sciatica > General rule", Guide.shipped()));
        assertEquals(Optional.of("no item of the section \"When NOT to Use an Acupressure Mat for Sciatica\" holds \"Acute "
                + "cauda equina syndrom (bladder\"; did you mean \"Acute cauda equina syndrome (bladder/bowel\"?"),
                GuideCitation.problem("When NOT to Use an Acupressure Mat for Sciatica > Acute cauda equina syndrom (bladder",
                        Guide.shipped()));
    }

    @Test
    void aPhraseInSeveralItemsMustQuoteMoreOfTheOneItMeans() {
        assertEquals(Optional.of("\"Week\" is in 5 items of the section \"Complete Sciatica Relief Protocol: 6-Week Plan\" "
                + "(guide lines 135, 136, 137, 138, 139): quote more of the one you mean"),
                GuideCitation.problem("Complete Sciatica Relief Protocol: 6-Week Plan > Week", Guide.shipped()));
    }

    @Test
    void aSubHeadingIsCitedUnderItsSection() {
        assertEquals(Optional.of("\"Position 3: Pillow Under Lumbar (Decompression)\" is an item of the section \"Best "
                + "Acupressure Mat Positions for Sciatica Relief\": cite it as \"Best Acupressure Mat Positions for Sciatica "
                + "Relief > Position 3: Pillow Under Lumbar (Decompression)\""),
                GuideCitation.problem("Position 3: Pillow Under Lumbar (Decompression)", Guide.shipped()));
    }

    /** The guide as the rules cite it: headings are sections, the FAQ's questions and the numbered positions items. */
    @Test
    void theGuideReadsAsSectionsAndItems() {
        Guide guide = Guide.shipped();

        assertEquals(List.of("Can I use acupressure mat on my leg for sciatica?"),
                Guide.itemsHolding(guide.section("FAQ").orElseThrow(), "on my leg").stream()
                        .map(i -> i.text().substring(0, i.text().indexOf('?') + 1)).toList());
        assertEquals(6, guide.section("When NOT to Use an Acupressure Mat for Sciatica").orElseThrow().items().size());
        assertTrue(Guide.itemsHolding(guide.section("Best Acupressure Mat Positions for Sciatica Relief").orElseThrow(),
                "Duration: 15-20 minutes").get(0).text().startsWith("Position 1: Lumbar + Gluteal (Primary Position) Best for"));
        assertTrue(guide.section("Acupressure Mat for Sciatica: Complete Relief Guide 2026").orElseThrow().items().isEmpty(),
                "the byline is page furniture");
    }

    @Test
    void sectionsNoRuleCitesAreTheGuidesCoverage() throws Exception {
        GuideCitation.Coverage coverage = GuideCitation.coverage(new RuleSetLoader().load(Path.of("rules")), Guide.shipped());

        assertEquals(List.of("Direct Sciatica Research", "Broader Acupressure Research Applicable to Sciatica",
                "The Piriformis Connection", "How Acupressure Mats Help Sciatica: The Mechanism"),
                coverage.uncited().stream().map(GuideCitation.Uncited::heading).toList());
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
