package org.acupressurecds.engine;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.acupressurecds.engine.RuleProblem.Kind;

/**
 * A hospital's deliberate departure from the guide, on the record ({@code rules/policies.yaml}): what it changes, why,
 * who approved it and when. A rule that follows it cites {@code @source("Local policy > <name>")} instead of the guide.
 */
public record LocalPolicy(String name, String changes, String why, String approvedBy, LocalDate approvedOn) {

    public static final String FILE = "policies.yaml";
    /** The source prefix of a rule that follows a local policy. */
    public static final String SOURCE = "Local policy > ";
    private static final ObjectMapper YAML = new YAMLMapper().registerModule(new JavaTimeModule())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private static final List<String> FIELDS = Arrays.stream(LocalPolicy.class.getRecordComponents())
            .map(c -> c.getName()).toList();

    /** The folder's policies; none when it has no policies.yaml. Every field is required; a name is used once. */
    public static List<LocalPolicy> read(RulesSnapshot rules) throws RuleSetException {
        String text = rules.sources().get(FILE);
        if (text == null) {
            return List.of();
        }
        String shown = rules.shown(FILE);
        List<RuleProblem> problems = new ArrayList<>();
        List<LocalPolicy> policies = new ArrayList<>();
        try {
            LocalPolicy[] read = YAML.readValue(text, LocalPolicy[].class);
            List<String> lines = text.lines().toList();
            Set<String> names = new HashSet<>();
            for (LocalPolicy p : read == null ? new LocalPolicy[0] : read) {
                int line = lineOf(lines, p.name());
                if (p.name() == null || p.changes() == null || p.why() == null || p.approvedBy() == null
                        || p.approvedOn() == null) {
                    problems.add(new RuleProblem(Kind.LOCAL_POLICY, shown, line, null, "local policy: every policy states "
                            + String.join(", ", FIELDS)));
                } else if (!names.add(p.name())) {
                    problems.add(new RuleProblem(Kind.LOCAL_POLICY, shown, line, null, "local policy: \"" + p.name() + "\" is defined twice"));
                } else {
                    policies.add(p);
                }
            }
        } catch (UnrecognizedPropertyException e) {
            problems.add(new RuleProblem(Kind.LOCAL_POLICY, shown, e.getLocation() == null ? null : e.getLocation().getLineNr(), null,
                    "local policy: unknown field " + e.getPropertyName() + "; "
                            + DidYouMean.closest(e.getPropertyName(), FIELDS).map(f -> "did you mean " + f + "? ").orElse("")
                            + "a policy states " + String.join(", ", FIELDS)));
        } catch (JsonMappingException e) {
            problems.add(new RuleProblem(Kind.LOCAL_POLICY, shown, e.getLocation() == null ? null : e.getLocation().getLineNr(), null,
                    "local policy: a list of policies (- name: ...) with " + String.join(", ", FIELDS)
                            + " (approvedOn as 2026-11-24)"));
        } catch (JsonProcessingException e) {
            YamlProblem problem = YamlProblem.of(text, e);
            problems.add(new RuleProblem(Kind.LOCAL_POLICY, shown, problem.line(), problem.column(), "local policy: "
                    + problem.message()));
        }
        if (!problems.isEmpty()) {
            throw new RuleSetException(problems);
        }
        return List.copyOf(policies);
    }

    /** The line of a YAML list entry's {@code name:} (a policy's, a scenario's), so a problem points at it; else 1. */
    public static int lineOf(List<String> lines, String name) {
        for (int i = 0; name != null && i < lines.size(); i++) {
            if (lines.get(i).contains("name:") && lines.get(i).contains(name)) {
                return i + 1;
            }
        }
        return 1;
    }
}
