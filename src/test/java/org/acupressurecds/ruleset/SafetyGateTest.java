package org.acupressurecds.ruleset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.acupressurecds.BesideTheService;
import org.acupressurecds.engine.RulesSnapshot;
import org.acupressurecds.engine.RuleProblem;
import org.acupressurecds.engine.RuleSetException;
import org.acupressurecds.engine.RuleSetLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A rule set that gives a red-flag patient a plan does not serve, however the condition that lets it is hidden: the
 * gate tries every fact on both sides of what the rules compare it with, pairwise, on several days.
 */
@BesideTheService
class SafetyGateTest {

    /**
     * Each edit puts a condition before the red flag in every red-flag rule of contraindications.drl, so the rule no
     * longer fires for some patients the scenarios do not describe.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', textBlock = """
            only with desk work not denied     ; sedentaryWork != false
            except at a pain of exactly 6      ; painScore != 6
            except when both legs are affected ; laterality != Laterality.BILATERAL
            except two facts together          ; ( sedentaryWork != false || painScore != 6 )
            except a pain score taken 8 days ago ; painScoreDate == null || daysAgo( painScoreDate ) != 8
            except on a leap day               ; !assessmentDate.minusMonths( 12 ).plusYears( 1 ).isBefore( assessmentDate )
            """)
    void aRedFlagHiddenBehindAnotherFactIsFoundAndTheRulesAreNotServed(String hiding, String condition,
            @TempDir Path copy) throws Exception {
        RulesFolder.withRedFlagsBehind(condition, copy);

        RuleCheck.Candidate candidate = RuleCheck.check(new RuleSetLoader(), new ScenarioRunner(), RulesSnapshot.read(copy));

        List<RuleProblem> gate = candidate.problems().stream()
                .filter(p -> p.message().startsWith("safety invariant any red flag must give no mat plan")).toList();
        assertEquals(1, gate.size(), hiding + ": " + candidate.problems());
        assertTrue(gate.get(0).message().contains(" got one ("), gate.toString());
        String first = gate.get(0).message().replaceFirst("^safety invariant any red flag must give no mat plan: ", "");
        assertTrue(first.matches("[A-Z_]+ with [A-Z_]+( \\([^;]*\\))? got one \\((SUITABLE|CAUTION), decided by \"[^;]+\"\\);.*"),
                "the first example has one red flag and names the rule that decided: " + first);
    }

    /** An author who hides what a record leaves open behind desk work: a mention or an unread entry gets a plan. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', textBlock = """
            a red flag named in words   ; a red flag the record names in words must give no mat plan
            a record entry not read     ; a record entry that could not be read must give no mat plan
            """)
    void whatARecordLeavesOpenHiddenBehindAnotherFactIsFoundAndTheRulesAreNotServed(String what, String invariant,
            @TempDir Path copy) throws Exception {
        RulesFolder.copyTo(copy);
        Path drl = copy.resolve("ehr-record.drl");
        java.nio.file.Files.writeString(drl, java.nio.file.Files.readString(drl)
                .replace("PatientFacts( redFlagsMentioned", "PatientFacts( sedentaryWork != false, redFlagsMentioned")
                .replace("PatientFacts( recordEntriesUnread", "PatientFacts( sedentaryWork != false, recordEntriesUnread"));

        RuleCheck.Candidate candidate = RuleCheck.check(new RuleSetLoader(), new ScenarioRunner(), RulesSnapshot.read(copy));

        List<RuleProblem> gate = candidate.problems().stream()
                .filter(p -> p.message().startsWith("safety invariant " + invariant)).toList();
        assertEquals(1, gate.size(), what + ": " + candidate.problems());
        assertTrue(gate.get(0).message().contains("sedentaryWork false"), gate.toString());
    }

    @Test
    void aConditionOnTheDayOfTheMonthCannotBeWritten(@TempDir Path copy) throws Exception {
        RulesFolder.withRedFlagsBehind("assessmentDate.getDayOfMonth() != 15", copy);

        RuleSetException refused = org.junit.jupiter.api.Assertions.assertThrows(RuleSetException.class,
                () -> new RuleSetLoader().load(copy));

        assertTrue(refused.problems().stream().allMatch(p -> p.message().startsWith(
                "'getDayOfMonth(...)' is not something conditions may call on LocalDate")), refused.problems()::toString);
    }

    @Test
    void theBundledRulesPassTheGate() throws Exception {
        RuleCheck.Candidate candidate = RuleCheck.check(new RuleSetLoader(), new ScenarioRunner(),
                RulesSnapshot.read(Path.of("rules")));

        assertFalse(candidate.problems().stream().anyMatch(p -> p.message().startsWith("safety invariant")),
                candidate.problems()::toString);
    }

    /** The gate's patients follow what the conditions compare with: a new threshold brings its dates with it. */
    @Test
    void theGateTriesBothSidesOfEveryNumberAndDateShiftTheConditionsName() {
        var terms = new org.acupressurecds.engine.ConditionTerms(new java.util.TreeSet<>(List.of(7L, 90L)),
                new java.util.TreeSet<>(), java.util.Set.of(java.time.Period.ofMonths(-6)), new java.util.TreeSet<>());

        var offsets = GateSpace.offsets(terms);

        for (int days : new int[] {6, 7, 8, 89, 90, 91}) {
            assertTrue(offsets.contains(java.time.Period.ofDays(-days)), days + " days before: " + offsets);
        }
        assertTrue(offsets.containsAll(List.of(java.time.Period.of(0, -6, -1), java.time.Period.ofMonths(-6),
                java.time.Period.of(0, -6, 1))), offsets::toString);
        assertEquals("6 months before, 1 day later", GateSpace.inWords(java.time.Period.of(0, -6, 1)));
    }
}
