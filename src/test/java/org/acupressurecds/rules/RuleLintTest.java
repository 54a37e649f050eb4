package org.acupressurecds.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.acupressurecds.knowledge.RedFlag;
import org.acupressurecds.knowledge.SciaticaType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.kie.api.definition.rule.Rule;

/** The conventions of rules/ that keep the rules reviewable against the guide. */
class RuleLintTest {

    private static final Path GUIDE = Path.of("docs/guide/sciatica-acupressure-guide.txt");
    private static final Pattern RULE_NAME = Pattern.compile("(?m)^\\s*rule\\s+\"([^\"]+)\"");
    private static final Pattern CONTROL_FLOW = Pattern.compile(
            "\\b(salience|global|agenda-group|activation-group|ruleflow-group|no-loop|lock-on-active|modify|update|System\\.out)\\b");

    private static final Map<String, String> FILES = new LinkedHashMap<>();

    @BeforeAll
    static void readRuleFiles() throws IOException {
        try (Stream<Path> drl = Files.list(Path.of("rules"))) {
            for (Path file : drl.filter(p -> p.toString().endsWith(".drl")).sorted().toList()) {
                FILES.put(file.getFileName().toString(), Files.readString(file));
            }
        }
    }

    @Test
    void everyFileIsInPackageRules() {
        FILES.forEach((file, text) -> assertTrue(withoutCommentsAndStrings(text).strip().startsWith("package rules;"), file));
    }

    @Test
    void noFileSteersTheEngineOrMutatesFacts() {
        FILES.forEach((file, text) -> {
            Matcher found = CONTROL_FLOW.matcher(withoutCommentsAndStrings(text));
            assertFalse(found.find(), () -> file + " uses " + found.group());
        });
    }

    @Test
    void ruleNamesAreUniqueAcrossFiles() {
        List<String> names = new ArrayList<>();
        FILES.values().forEach(text -> RULE_NAME.matcher(text).results().forEach(m -> names.add(m.group(1))));

        assertEquals(names.size(), names.stream().distinct().count(), "duplicate rule names in " + names);
        assertEquals(names.size(), rules().size(), "every rule written is compiled");
    }

    @Test
    void everyRuleNamesASectionOfTheGuide() throws IOException {
        String guide = Files.readString(GUIDE);
        for (Rule rule : rules()) {
            Object source = rule.getMetaData().get("source");
            assertTrue(source != null, () -> "\"" + rule.getName() + "\" has no @source");
            for (String part : source.toString().replace("\"", "").split(" > ")) {
                assertTrue(guide.contains(part), () -> "\"" + rule.getName() + "\" cites \"" + part
                        + "\", which is not in the guide");
            }
        }
    }

    @Test
    void everySciaticaTypeAndRedFlagIsCoveredByARule() {
        String all = String.join("\n", FILES.values());
        Stream.concat(
                        Arrays.stream(SciaticaType.values()).map(t -> "SciaticaType." + t.name()),
                        Arrays.stream(RedFlag.values()).map(f -> "RedFlag." + f.name()))
                .forEach(constant -> assertTrue(all.contains(constant), constant + " is used by no rule"));
    }

    private static List<Rule> rules() {
        return BundledRules.RULES.kieBase().getKiePackages().stream().flatMap(p -> p.getRules().stream()).toList();
    }

    private static String withoutCommentsAndStrings(String drl) {
        return drl.replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("//[^\n]*", "").replaceAll("\"(\\\\.|[^\"\\\\])*\"", "\"\"");
    }
}
