package org.acupressurecds.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.acupressurecds.BesideTheService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a rule author sees when the rules do not compile: the file as they know it, the line, and why. */
@BesideTheService
class RuleSetLoaderTest {

    private static final String FIXTURES = "src/test/resources/rulesets/";

    private final RuleSetLoader loader = new RuleSetLoader();

    @Test
    void syntaxErrorNamesFileLineAndRule() {
        RuleProblem problem = onlyProblem("syntax-error");

        assertEquals(FIXTURES + "syntax-error/positions.drl", problem.file());
        assertEquals(9, problem.line());
        assertTrue(problem.message().contains("mismatched input 'then' in rule \"A rule whose condition is never closed\""),
                problem.message());
    }

    @Test
    void misspeltFieldNamesFileLineAndTheUnknownField() {
        RuleProblem problem = onlyProblem("misspelt-field");

        assertEquals(FIXTURES + "misspelt-field/positions.drl", problem.file());
        assertEquals(9, problem.line());
        assertTrue(problem.message().startsWith("PatientFacts has no field sedentryWork: did you mean sedentaryWork? its "
                + "fields are sciaticaType, "), problem.message());
    }

    @Test
    void unknownFactTypeNamesFileAndLine() {
        RuleProblem problem = onlyProblem("unknown-type");

        assertEquals(FIXTURES + "unknown-type/positions.drl", problem.file());
        assertEquals(8, problem.line());
        assertEquals("'PatientFact' is not a fact rules match: did you mean PatientFacts?", problem.message());
    }

    @Test
    void ruleNameUsedTwiceIsAProblem() {
        List<RuleProblem> problems = problems("duplicate-name");

        assertTrue(problems.stream().anyMatch(p -> p.message().equals(
                "Duplicate rule name: Every patient is suitable in this minimal rule set") && p.line() == 5), problems::toString);
    }

    /** A reload, an author's validate and a draft's check may read rules at the same time: each reads them as alone. */
    @Test
    void rulesReadOnSeveralThreadsAtOnceReadAsTheyDoAlone() throws Exception {
        String alone = loader.load(Path.of("rules")).version();
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            List<Future<RuleSet>> loads = IntStream.range(0, 8)
                    .mapToObj(i -> threads.submit(() -> new RuleSetLoader().load(Path.of("rules")))).toList();
            for (Future<RuleSet> load : loads) {
                assertEquals(alone, load.get().version()); // a problem read into them would throw here
            }
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void emptyFolderIsAProblemNotAnEmptyRuleSet(@TempDir Path empty) {
        RuleSetException e = assertThrows(RuleSetException.class, () -> loader.load(empty));

        assertEquals("no .drl rule files in the rules folder", e.problems().get(0).message());
    }

    @Test
    void missingFolderIsAProblem(@TempDir Path parent) {
        RuleSetException e = assertThrows(RuleSetException.class, () -> loader.load(parent.resolve("rules")));

        assertTrue(e.problems().get(0).message().startsWith("rules folder not found"));
    }

    @Test
    void versionIsTheContentHashSoTheSameFilesGiveTheSameVersion(@TempDir Path copy) throws Exception {
        Path minimal = Path.of(FIXTURES + "valid-minimal");
        Files.copy(minimal.resolve("verdict.drl"), copy.resolve("verdict.drl"));

        String original = loader.load(minimal).version();
        assertEquals(original, loader.load(copy).version());

        Files.writeString(copy.resolve("verdict.drl"), Files.readString(copy.resolve("verdict.drl")) + "\n// edited\n");
        assertNotEquals(original, loader.load(copy).version());
    }

    @Test
    void onlyDrlFilesDirectlyInTheFolderAreRules(@TempDir Path folder) throws Exception {
        Files.copy(Path.of(FIXTURES + "valid-minimal/verdict.drl"), folder.resolve("verdict.drl"));
        Files.writeString(folder.resolve("notes.txt"), "not a rule");
        Files.createDirectories(folder.resolve("scenarios"));

        assertEquals(List.of("verdict.drl"), loader.load(folder).files());
    }

    private RuleProblem onlyProblem(String fixture) {
        List<RuleProblem> problems = problems(fixture);
        assertEquals(1, problems.size(), problems::toString);
        return problems.get(0);
    }

    private List<RuleProblem> problems(String fixture) {
        return assertThrows(RuleSetException.class, () -> loader.load(Path.of(FIXTURES + fixture))).problems();
    }
}
