package org.acupressurecds.ruleset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import org.acupressurecds.BesideTheService;
import org.acupressurecds.engine.RulesSnapshot;
import org.acupressurecds.engine.RuleSetLoader;
import org.acupressurecds.engine.LocalPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command-line check an author runs before committing, without a server. */
@BesideTheService
class RuleCheckTest {

    /** Where no impact is asked for, none is computed. */
    private static final Supplier<ImpactAnalysis> NO_IMPACT = () -> {
        throw new AssertionError("no impact was asked for");
    };
    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);

    @Test
    void bundledRulesPassWithEveryScenario() {
        assertEquals(0, RuleCheck.run(new String[] {"check", "rules/"}, out, NO_IMPACT));
        assertTrue(output().matches("(?s)OK: \\d+ rules, version [0-9a-f]{16}; (\\d+) scenarios: \\1 passed, 0 failed; 0 safety invariant\\(s\\) broken; 0 lint problem\\(s\\)\\n"
                + "(warning: no rule cites the guide's section \"[^\"]+\" \\(docs/guide/sciatica-acupressure-guide.txt:\\d+\\)\\n)*"
                + "(  rules/codes/[a-z-]+\\.csv:\\d+: \\S+\\* \\(\\S+\\) is [A-Z_ ]+ for every code beginning [^\\n]+\\n)+"),
                output());
        assertTrue(output().contains("  rules/codes/sciatica-codes.csv:"), output());
        assertTrue(output().contains(": N39.4* (http://hl7.org/fhir/sid/icd-10-cm) is RED_FLAG BLADDER_DYSFUNCTION for "
                + "every code beginning N39.4: N39.41 Urge incontinence, N39.42 Incontinence without sensory awareness, "
                + "N39.43 Post-void dribbling, N39.44 Nocturnal enuresis, "), output());
        assertTrue(output().contains(": 0SG0* (http://www.cms.gov/Medicare/Coding/ICD10) is SPINAL_SURGERY for every "
                + "code beginning 0SG0 (no reference list of this system's codes ships with the service)\n"), output());
    }

    @Test
    void failingScenarioIsPrintedWithItsFileLineNameAndWhatDiffered(@TempDir Path copy) throws Exception {
        assertEquals(1, checkEdited(copy, "positions.drl", drl -> drl.replace(
                "PatientFacts( sedentaryWork == true )", "PatientFacts( referredLegPain == true )")));
        assertTrue(output().contains(copy + "/scenarios/positions.yaml:23: scenario \"Desk work or travel adds the "
                + "seated gluteal position\": position SEATED_GLUTEAL is missing"), output());
        assertTrue(output().contains("1 failed"), output());
        assertTrue(output().matches("(?s).*position SEATED_GLUTEAL is missing; the verdict was decided by "
                + "\"[^\"]+\" \\(" + Pattern.quote(copy.toString()) + "/[a-z-]+\\.drl:\\d+\\)\n.*"),
                "a failing scenario names the rule that decided, and where it is: " + output());
    }

    @Test
    void ruleThatDoesNotCompileIsPrintedWithFileAndLine(@TempDir Path copy) throws Exception {
        assertEquals(1, checkEdited(copy, "mats.drl",
                drl -> drl.replaceFirst("PlanPermitted\\(\\)", "PlanPermited()")));
        assertTrue(output().contains(copy + "/mats.drl:11: 'PlanPermited' is not a fact rules match: did you mean "
                + "PlanPermitted?"), output());
    }

    @Test
    void aMisspeltFactFieldGetsItsDidYouMeanAndTheFieldsThereAre(@TempDir Path copy) throws Exception {
        assertEquals(1, checkEdited(copy, "contraindications.drl",
                drl -> drl.replaceFirst("PatientFacts\\( painScore != null", "PatientFacts( painScor != null")));
        assertTrue(output().contains("PatientFacts has no field painScor: did you mean painScore? its fields are "
                + "sciaticaType, redFlags, "), output());
    }

    @Test
    void aMissingEndIsNamedAsTheLikelyCauseWithTheRuleThatLacksIt(@TempDir Path copy) throws Exception {
        assertEquals(1, checkEdited(copy, "positions.drl", drl -> drl.replaceFirst("(?m)^end\\n", "")));
        assertTrue(output().contains("(likely cause: rule \"Lumbar and gluteal supine is the primary position for "
                + "every sciatica type\" at line 9 has no end before the next rule at line "), output());
    }

    @Test
    void anUnclosedParenthesisIsNamedAsTheLikelyCause(@TempDir Path copy) throws Exception {
        assertEquals(1, checkEdited(copy, "positions.drl", drl -> drl.replace("PatientFacts( sedentaryWork == true )",
                "PatientFacts( sedentaryWork == true")));
        assertTrue(output().contains("(likely cause: unbalanced parentheses in rule \"Desk work or travel adds the "
                + "seated gluteal position\" before line "), output());
    }

    @Test
    void aCodeTableProblemSaysCodeTableWithItsFileAndLine(@TempDir Path copy) throws Exception {
        assertEquals(1, checkEdited(copy, "codes/sciatica-codes.csv",
                csv -> csv + "http://hl7.org/fhir/sid/icd-10-cm,M5431,SCIATICA_TYPE,UNKNOWN,,x\n"));
        assertTrue(output().matches("(?s).*" + java.util.regex.Pattern.quote(copy + "/codes/sciatica-codes.csv")
                + ":\\d+: code table: 'M5431' is not a code of .*"), output());
    }

    /** Every rule that names today's pain (the flare threshold among them), whatever they say, by file and line. */
    @Test
    void usesListsEveryRuleScenarioAndCodeRowThatNamesATermWithFileAndLine() throws Exception {
        List<String> expected = rulesNaming("TodaysPain");
        assertTrue(expected.size() >= 3, "the flare threshold and the rules that follow it: " + expected);

        assertEquals(0, RuleCheck.run(new String[] {"check", "rules", "--uses", "TodaysPain"}, out, NO_IMPACT));
        List<String> listed = output().lines().filter(l -> l.matches("rules/[a-z-]+\\.drl:\\d+: rule \"[^\"]+\"")).toList();
        assertEquals(expected, listed.stream().map(l -> l.substring(0, l.indexOf(": ") + 1)).toList(), output());
        assertTrue(output().matches("(?s).*\nTodaysPain: \\d+ use\\(s\\) in rules, scenarios, code tables and local "
                + "policies\n"), output());

        List<String> named = new ArrayList<>(); // the rules a scenario names: --uses finds it there by its name
        for (String rule : listed.stream().map(l -> l.replaceAll("^.*?: rule \"(.+)\"$", "$1")).distinct().toList()) {
            printed.reset();
            assertEquals(0, RuleCheck.run(new String[] {"check", "rules", "--uses", rule}, out, NO_IMPACT));
            if (output().contains("rules/scenarios/")) {
                named.add(rule);
            }
        }
        assertTrue(!named.isEmpty(), "some scenario names a rule that reads today's pain");

        printed.reset();
        assertEquals(0, RuleCheck.run(new String[] {"check", "rules", "--uses", "G83.4"}, out, NO_IMPACT));
        assertTrue(output().matches("(?s)rules/codes/sciatica-codes.csv:\\d+: code row .*G83\\.4.*"), output());
    }

    /** A rule that rests on a fact concluded from the name is listed through that fact. */
    @Test
    void usesFollowsAFieldThroughTheFactConcludedFromIt() throws Exception {
        assertEquals(0, RuleCheck.run(new String[] {"check", "rules", "--uses", "painScore"}, out, NO_IMPACT));

        assertTrue(output().lines().anyMatch(l -> l.matches("rules/[a-z-]+\\.drl:\\d+: rule \".+\" \\(through "
                + "TodaysPain, concluded from painScore\\)")), output());
        assertTrue(rulesNaming("TodaysPain").stream().allMatch(output()::contains), output());
    }

    /** Names are whole: "age" is not found in "package", "management" or "coverage"; a misspelt one is said so. */
    @Test
    void usesMatchesWholeNamesAndSaysWhenThereIsNone() {
        RuleCheck.run(new String[] {"check", "rules", "--uses", "age"}, out, NO_IMPACT);
        assertTrue(output().lines().noneMatch(l -> l.matches("rules/[a-z-]+\\.drl:\\d+: .*")), output());

        printed.reset();
        assertEquals(1, RuleCheck.run(new String[] {"check", "rules", "--uses", "painScor3"}, out, NO_IMPACT));
        assertEquals("no fact, field, value, rule, code or policy is named painScor3; did you mean painScore?\n",
                output());
    }

    /** policies.yaml is searched, and the rules that follow a policy are listed with it. */
    @Test
    void usesFindsALocalPolicyAndTheRulesThatFollowIt() throws Exception {
        LocalPolicy policy = LocalPolicy.read(RulesSnapshot.read(Path.of("rules"))).get(0);

        assertEquals(0, RuleCheck.run(new String[] {"check", "rules", "--uses", policy.name()}, out, NO_IMPACT));

        assertTrue(output().contains("rules/policies.yaml:"), output());
        assertTrue(output().contains(" (follows the local policy)\n"), output());
    }

    /**
     * file:line of every rule whose text names the term as a whole word (comments aside), in file order: what a
     * reader would find by hand.
     */
    private static List<String> rulesNaming(String term) throws Exception {
        List<String> found = new ArrayList<>();
        Pattern word = Pattern.compile("\\b" + Pattern.quote(term) + "\\b");
        try (var files = Files.list(Path.of("rules"))) {
            for (Path drl : files.filter(f -> f.toString().endsWith(".drl")).sorted().toList()) {
                String text = Files.readString(drl);
                List<String> lines = text.lines().toList();
                for (RuleSetLoader.DeclaredRule rule : RuleSetLoader.declaredRules(text)) {
                    if (lines.subList(rule.line() - 1, rule.endLine()).stream()
                            .anyMatch(l -> !l.strip().startsWith("//") && word.matcher(l).find())) {
                        found.add("rules/" + drl.getFileName() + ":" + rule.line() + ":");
                    }
                }
            }
        }
        return found;
    }

    @Test
    void againstTheServingRulesEveryScenarioIsAnsweredSideBySideAndTheGridShowsTheVerdictsThatChange(
            @TempDir Path temp) throws Exception {
        Path draft = temp.resolve("draft");
        RulesFolder.copyTo(draft);
        Files.writeString(draft.resolve(RulesFolder.DRAFT_FILE), RulesFolder.DRAFT);

        assertEquals(1, RuleCheck.run(new String[] {"check", draft.toString(), "--against", "rules"}, out, NO_IMPACT),
                "the draft's rule has no @source: " + output());

        String pattern = "(?s).*Answers: [0-9a-f]{16} \\(rules\\) beside [0-9a-f]{16} \\(this folder\\); "
                + "(\\d+) of (\\d+) scenario\\(s\\) answer differently, 0 edited\n.*";
        assertTrue(output().matches(pattern), output());
        long pain7 = output().lines().filter(l -> l.startsWith("  ≠ ")).count();
        assertEquals(output().replaceAll(pattern, "$1"), String.valueOf(pain7), output());
        assertTrue(output().contains("      newly fires:     " + RulesFolder.DRAFT_RULE), output());
        long same = Long.parseLong(output().replaceAll(pattern, "$2")) - pain7;
        assertTrue(output().contains("\n  = " + same + " other scenario(s) answer the same and were not edited "
                + "(--all lists them)\nGrid: "), "the unchanged are counted in one line, after the changed: " + output());
        assertTrue(output().lines().noneMatch(l -> l.startsWith("  = ") && l.contains(".yaml:")), output());
        // The grid: 6 types × (no flag + 8 alone) × (no score + 0-10) × 7 surgery settings; only a pain of exactly 7
        // changes, to an emergency, in every setting that was not one already.
        assertTrue(output().matches("(?s).*\nGrid: 4536 patient\\(s\\) \\(every sciatica type; .*\\); \\d+ would "
                + "change verdict\n(  [A-Z_]+ → EMERGENCY: \\d+\n    e\\.g\\. [A-Z_]+, [A-Z_ a-z]+, pain 7, .*)+"), output());
    }

    /** A scenario the author edited is marked so, with its diff, even where it answers the same. */
    @Test
    void anEditedScenarioIsMarkedWithItsDiffAndAllListsEveryScenario(@TempDir Path temp) throws Exception {
        Path draft = temp.resolve("draft");
        RulesFolder.copyTo(draft);
        Path positions = draft.resolve("scenarios/positions.yaml");
        String before = Files.readString(positions);
        String name = "Desk work or travel adds the seated gluteal position";
        Files.writeString(positions, before.replace("- name: " + name, "- name: " + name + "\n  # reviewed by the clinic"));

        assertEquals(0, RuleCheck.run(new String[] {"check", draft.toString(), "--against", "rules", "--all"}, out,
                NO_IMPACT), output());

        assertTrue(output().contains("; 0 of " + ScenarioFiles.read(RulesSnapshot.read(Path.of("rules"))).size()
                + " scenario(s) answer differently, 1 edited\n"), output());
        assertTrue(output().matches("(?s).*\n  = \\S+/scenarios/positions\\.yaml:\\d+: \"" + name + "\" \\(edited\\): .*\n"
                + "      --- \\S+/scenarios/positions\\.yaml\n.*      \\+  # reviewed by the clinic\n.*"), output());
        assertTrue(output().lines().filter(l -> l.startsWith("  = ") && l.contains(".yaml:")).count() > 10,
                "--all lists the unchanged too: " + output());
    }

    @Test
    void againstItselfNothingChanges() {
        assertEquals(0, RuleCheck.run(new String[] {"check", "rules", "--against", "rules"}, out, NO_IMPACT));
        assertTrue(output().matches("(?s).*; 0 of \\d+ scenario\\(s\\) answer differently, 0 edited\n.*"), output());
        assertTrue(output().endsWith("; 0 would change verdict\n"), output());
    }

    @Test
    void rulesToCompareWithThatDoNotLoadAreSaid(@TempDir Path empty) {
        assertEquals(3, RuleCheck.run(new String[] {"check", "rules", "--against", empty.toString()}, out, NO_IMPACT));
        assertTrue(output().contains("The rules in " + empty + " to compare with cannot be loaded:\n  "
                + empty + ": no .drl rule files"), output());
    }

    @Test
    void wrongUsageSaysHow() {
        assertEquals(2, RuleCheck.run(new String[] {"rules"}, out, NO_IMPACT));
        assertTrue(output().startsWith("usage: check <rules folder> [--against <serving rules folder> [--all]] [--impact <ISO "
                + "period, e.g. P30D> [--service <URL>]] | check <rules folder> --uses <name>"), output());
        printed.reset();
        assertEquals(2, RuleCheck.run(new String[] {"check", "rules", "--uses", "x", "--against", "rules"}, out,
                NO_IMPACT));
        assertTrue(output().startsWith("--uses only lists mentions: give it alone"), output());
        printed.reset();
        assertEquals(2, RuleCheck.run(new String[] {"check", "rules", "--all"}, out, NO_IMPACT));
        assertTrue(output().startsWith("--all lists every scenario beside the rules of --against: give both"), output());
        printed.reset();
        assertEquals(2, RuleCheck.run(new String[] {"check", "rules", "--service", "http://localhost:8080"}, out, NO_IMPACT));
        assertTrue(output().startsWith("--service asks the running service for the impact: give --impact too"), output());
    }

    @Test
    void anImpactPeriodThatIsNoPeriodSaysWhatOneLooksLike() {
        assertEquals(2, RuleCheck.run(new String[] {"check", "rules", "--impact", "30"}, out, NO_IMPACT));
        assertTrue(output().startsWith("--impact 30: not an ISO 8601 period; e.g. P30D"), output());
    }

    /** The check of a copy of the real rules with one file edited as an author would: its exit code. */
    private int checkEdited(Path copy, String file, UnaryOperator<String> edit) throws Exception {
        RulesFolder.copyTo(copy);
        Path edited = copy.resolve(file);
        Files.writeString(edited, edit.apply(Files.readString(edited)));
        return RuleCheck.run(new String[] {"check", copy.toString()}, out, NO_IMPACT);
    }

    private String output() {
        return printed.toString(StandardCharsets.UTF_8);
    }
}
