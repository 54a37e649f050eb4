package org.acupressurecds.ruleset;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.util.ArrayList;
import java.util.List;
import org.acupressurecds.engine.DidYouMean;
import org.acupressurecds.engine.LocalPolicy;
import org.acupressurecds.engine.RuleProblem.Kind;
import org.acupressurecds.engine.RuleProblem;
import org.acupressurecds.engine.RuleSetException;
import org.acupressurecds.engine.RulesSnapshot;
import org.acupressurecds.engine.YamlProblem;
import org.acupressurecds.http.StrictJson;

/** Reads the scenario files of a rules snapshot, {@code scenarios/*.yaml}: each a list of scenarios. */
public final class ScenarioFiles {

    private ScenarioFiles() {
    }

    public static List<Scenario.Located> read(RulesSnapshot rules) throws RuleSetException {
        List<Scenario.Located> scenarios = new ArrayList<>();
        List<RuleProblem> problems = new ArrayList<>();
        ObjectMapper yaml = StrictJson.strictStandalone(new YAMLMapper());
        rules.scenarios().forEach((name, text) -> {
            String shown = rules.shown(name);
            try {
                JsonNode list = yaml.readTree(text);
                if (list == null || !list.isArray()) {
                    problems.add(new RuleProblem(Kind.SCENARIO_FILE, shown, 1, null, "a scenario file is a list of scenarios (- name: ...)"));
                    return;
                }
                List<String> lines = text.lines().toList();
                for (JsonNode node : list) {
                    int line = LocalPolicy.lineOf(lines, node.path("name").asText(null));
                    Scenario scenario;
                    try {
                        scenario = yaml.treeToValue(node, Scenario.class);
                    } catch (JsonMappingException e) { // every scenario's problem, not only the first
                        problems.add(inAuthorsWords(shown, lines, line, e));
                        continue;
                    }
                    if (scenario.name() == null || (scenario.patient() == null) == (scenario.ehr() == null)
                            || scenario.expect() == null || scenario.expect().verdict() == null) {
                        problems.add(new RuleProblem(Kind.SCENARIO_FILE, shown, line, null, "every scenario needs "
                                + "name, expect.verdict, and its patient either as facts (patient:) or as an EHR "
                                + "record (ehr:), one of the two"));
                        continue;
                    }
                    if (scenario.ehr() != null && (scenario.ehr().assessmentDate() == null || scenario.fromEhr() != null
                            || scenario.recordedOn() != null || scenario.record() != null)) {
                        problems.add(new RuleProblem(Kind.SCENARIO_FILE, shown, line, null, "an EHR record (ehr:) "
                                + "needs its assessmentDate, and carries its own dates: fromEhr, recordedOn and record "
                                + "go with patient: only"));
                        continue;
                    }
                    scenarios.add(new Scenario.Located(scenario, shown, line, name, ownLines(lines, line)));
                }
            } catch (JsonProcessingException e) {
                YamlProblem problem = YamlProblem.of(text, e);
                problems.add(new RuleProblem(Kind.SCENARIO_FILE, shown, problem.line(), problem.column(),
                        problem.message()));
            }
        });
        if (!problems.isEmpty()) {
            throw new RuleSetException(problems);
        }
        return scenarios;
    }

    /**
     * The lines of the list entry that holds the line (from 1): from its "- " to the next entry at the same indentation,
     * trailing blank lines and comments left out.
     */
    static String ownLines(List<String> lines, int line) {
        int start = line - 1;
        while (start > 0 && !lines.get(start).stripLeading().startsWith("- ")) {
            start--;
        }
        if (lines.isEmpty() || !lines.get(start).stripLeading().startsWith("- ")) {
            return String.join("\n", lines) + "\n";
        }
        String entry = lines.get(start).substring(0, lines.get(start).indexOf('-') + 2);
        int end = start + 1;
        while (end < lines.size() && !lines.get(end).startsWith(entry)) {
            end++;
        }
        while (end > start + 1 && (lines.get(end - 1).isBlank() || lines.get(end - 1).stripLeading().startsWith("#"))) {
            end--;
        }
        return String.join("\n", lines.subList(start, end)) + "\n";
    }

    /**
     * A scenario that does not read, in the author's words: the field or value at fault, where it is (the first line
     * at or after the scenario's name that mentions it), and what is allowed there; never a Java class name.
     */
    private static RuleProblem inAuthorsWords(String file, List<String> lines, int scenarioLine, JsonMappingException e) {
        List<String> path = e.getPath().stream().map(JsonMappingException.Reference::getFieldName)
                .filter(java.util.Objects::nonNull).toList();
        String field = path.isEmpty() ? null : path.get(path.size() - 1);
        String in = path.size() > 1 ? String.join(".", path.subList(0, path.size() - 1)) : "the scenario";
        String message;
        String mentioned = field;
        if (e instanceof UnrecognizedPropertyException unknown) {
            List<String> known = unknown.getKnownPropertyIds().stream().map(String::valueOf).sorted().toList();
            message = "unknown field " + field + " in " + in + "; " + DidYouMean.closest(field, known)
                    .map(k -> "did you mean " + k + "? ").orElse("") + "known fields: " + String.join(", ", known);
        } else if (e instanceof InvalidFormatException bad && bad.getTargetType() != null
                && bad.getTargetType().isEnum()) {
            mentioned = String.valueOf(bad.getValue());
            List<String> allowed = java.util.Arrays.stream(bad.getTargetType().getEnumConstants())
                    .map(String::valueOf).toList();
            message = "\"" + mentioned + "\" is not allowed in " + String.join(".", path) + "; " + DidYouMean.closest(mentioned,
                    allowed).map(k -> "did you mean " + k + "? ").orElse("") + "allowed: " + String.join(", ", allowed);
        } else {
            message = (path.isEmpty() ? "" : String.join(".", path) + ": ")
                    + e.getOriginalMessage().replaceAll("\\s*\\(?(for )?`?[a-z]+(\\.[a-z]+)+\\.[A-Z][\\w$.]*`?\\)?", "")
                    .replaceAll("\\s+", " ").strip();
        }
        for (int i = Math.max(0, scenarioLine - 1); mentioned != null && i < lines.size(); i++) {
            int column = lines.get(i).indexOf(mentioned);
            if (column >= 0) {
                return new RuleProblem(Kind.SCENARIO_FILE, file, i + 1, column + 1, message);
            }
        }
        return new RuleProblem(Kind.SCENARIO_FILE, file, scenarioLine, null, message);
    }
}
