package org.acupressurecds.authoring;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.acupressurecds.engine.RuleProblem;
import org.acupressurecds.engine.RuleSetException;
import org.acupressurecds.engine.RuleSetLoader;
import org.acupressurecds.http.StrictJson;

/** Reads the scenario files, {@code scenarios/*.yaml} in the rules folder: each a list of scenarios. */
public final class ScenarioFiles {

    public static final String FOLDER = RuleSetLoader.SCENARIOS;

    private ScenarioFiles() {
    }

    public static List<Scenario.Located> read(Path rulesFolder) throws RuleSetException {
        Path folder = rulesFolder.resolve(FOLDER);
        List<Scenario.Located> scenarios = new ArrayList<>();
        List<RuleProblem> problems = new ArrayList<>();
        if (!Files.isDirectory(folder)) {
            return scenarios;
        }
        ObjectMapper yaml = StrictJson.strictStandalone(new YAMLMapper());
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml"))
                    .sorted().toList()) {
                String shown = file.toString().replace('\\', '/');
                try {
                    JsonNode list = yaml.readTree(file.toFile());
                    if (list == null || !list.isArray()) {
                        problems.add(new RuleProblem(shown, 1, null, "a scenario file is a list of scenarios (- name: ...)"));
                        continue;
                    }
                    List<String> lines = Files.readAllLines(file);
                    for (JsonNode node : list) {
                        Scenario scenario = yaml.treeToValue(node, Scenario.class);
                        if (scenario.name() == null || scenario.patient() == null || scenario.expect() == null
                                || scenario.expect().verdict() == null) {
                            problems.add(new RuleProblem(shown, lineOf(lines, scenario.name()), null,
                                    "every scenario needs name, patient and expect.verdict"));
                            continue;
                        }
                        scenarios.add(new Scenario.Located(scenario, shown, lineOf(lines, scenario.name())));
                    }
                } catch (JsonProcessingException e) {
                    JsonLocation at = e.getLocation();
                    problems.add(new RuleProblem(shown, at == null ? null : at.getLineNr(),
                            at == null ? null : at.getColumnNr(), e.getOriginalMessage()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read scenarios in " + folder, e);
        }
        if (!problems.isEmpty()) {
            throw new RuleSetException(problems);
        }
        return scenarios;
    }

    /** The line that names the scenario, so a failure points at it. */
    private static int lineOf(List<String> lines, String name) {
        for (int i = 0; name != null && i < lines.size(); i++) {
            if (lines.get(i).contains("name:") && lines.get(i).contains(name)) {
                return i + 1;
            }
        }
        return 1;
    }
}
