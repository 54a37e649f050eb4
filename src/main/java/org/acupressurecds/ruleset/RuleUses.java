package org.acupressurecds.ruleset;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.acupressurecds.engine.CodeTable;
import org.acupressurecds.engine.DidYouMean;
import org.acupressurecds.engine.LocalPolicy;
import org.acupressurecds.engine.RuleNames;
import org.acupressurecds.engine.RuleProblem;
import org.acupressurecds.engine.RuleProblem.Kind;
import org.acupressurecds.engine.RuleSetException;
import org.acupressurecds.engine.RulesSnapshot;
import org.acupressurecds.engine.YamlProblem;
import org.acupressurecds.knowledge.FactModel;

/**
 * Where is this used? Every rule, scenario, code-table row and local policy of a rules folder that names a fact, a
 * field, a value, a rule, a code or a policy, by its whole name, with file and line: what an author must look at
 * before changing it. Rules are read through the parsers (so "age" is not found inside "package"), and a rule that
 * rests on a fact concluded from the name is listed too, through that fact (TodaysPain for painScore).
 */
public final class RuleUses {

    /** One use: where, and in what (the rule, scenario, code row or policy). */
    public record Use(String file, int line, String in) {
        @Override
        public String toString() {
            return file + ":" + line + ": " + in;
        }
    }

    /** A name that no fact, field, value, rule, code or policy has: the message says the closest there is. */
    public static final class NotAName extends Exception {
        NotAName(String message) {
            super(message);
        }
    }

    /**
     * The facts every answer rests on (the findings, the decision, the plan's permission): a dependency through them
     * would be every rule, so uses are followed only through the other facts rules conclude.
     */
    private static final Set<String> SPINE = Set.of("Finding", "Decision", "PlanPermitted");
    private static final YAMLMapper YAML = new YAMLMapper();

    private RuleUses() {
    }

    public static List<Use> of(RulesSnapshot rules, String term) throws RuleSetException, NotAName {
        List<RuleNames> ruleNames = RuleNames.of(rules);
        List<LocalPolicy> policies = LocalPolicy.read(rules);
        Set<String> known = known(rules, ruleNames, policies);
        if (!known.contains(term)) {
            throw new NotAName("no fact, field, value, rule, code or policy is named " + term + DidYouMean
                    .closest(term, known).map(k -> "; did you mean " + k + "?").orElse(""));
        }
        List<Use> uses = new ArrayList<>();
        Set<String> through = new TreeSet<>();
        for (RuleNames r : ruleNames) {
            if (r.rule().equals(term)) {
                uses.add(new Use(r.file(), r.line(), "rule \"" + r.rule() + "\" (where it is declared)"));
            } else if ((LocalPolicy.SOURCE + term).equals(r.source())) {
                uses.add(new Use(r.file(), r.line(), "rule \"" + r.rule() + "\" (follows the local policy)"));
            } else if (r.uses(term)) {
                uses.add(new Use(r.file(), r.line(), "rule \"" + r.rule() + "\""));
                if (r.restsOn(term)) {
                    r.concludes().stream().filter(t -> !SPINE.contains(t) && !t.equals(term)).forEach(through::add);
                }
            }
        }
        for (String fact : through) {
            ruleNames.stream().filter(r -> r.restsOn(fact) && !r.uses(term)).forEach(r -> uses.add(new Use(r.file(),
                    r.line(), "rule \"" + r.rule() + "\" (through " + fact + ", concluded from " + term + ")")));
        }
        scenarios(rules, term, uses);
        codeRows(rules, term, uses);
        Pattern word = whole(term);
        String policyFile = rules.shown(LocalPolicy.FILE);
        List<String> policyLines = rules.sources().getOrDefault(LocalPolicy.FILE, "").lines().toList();
        policies.stream().filter(p -> p.name().equals(term) || word.matcher(p.changes()).find()
                || word.matcher(p.why()).find()).forEach(p -> uses.add(new Use(policyFile,
                LocalPolicy.lineOf(policyLines, p.name()), "local policy \"" + p.name() + "\"")));
        return uses;
    }

    /** Every name there is: facts, their fields, vocabularies and their values, rules, codes and code facts, policies. */
    private static Set<String> known(RulesSnapshot rules, List<RuleNames> ruleNames, List<LocalPolicy> policies) {
        Set<String> known = new LinkedHashSet<>();
        FactModel.FACTS.forEach(f -> {
            known.add(f.getSimpleName());
            Arrays.stream(f.getRecordComponents()).forEach(c -> known.add(c.getName()));
        });
        FactModel.VOCABULARIES.forEach(v -> {
            known.add(v.getSimpleName());
            Arrays.stream(v.getEnumConstants()).forEach(c -> {
                known.add(c.name());
                known.add(v.getSimpleName() + "." + c.name());
            });
        });
        Arrays.stream(CodeTable.Fact.values()).forEach(f -> known.add(f.name()));
        ruleNames.forEach(r -> known.add(r.rule()));
        policies.forEach(p -> known.add(p.name()));
        codeRows(rules).forEach((at, cells) -> known.addAll(cells.subList(0, Math.min(4, cells.size()))));
        return known;
    }

    /** A scenario uses the name where one of its fields is called so or one of its values is it, as YAML reads them. */
    private static void scenarios(RulesSnapshot rules, String term, List<Use> uses) throws RuleSetException {
        Pattern word = whole(term);
        for (Map.Entry<String, String> file : rules.scenarios().entrySet()) {
            JsonNode list;
            try {
                list = YAML.readTree(file.getValue());
            } catch (JsonProcessingException e) {
                YamlProblem problem = YamlProblem.of(file.getValue(), e);
                throw new RuleSetException(List.of(new RuleProblem(Kind.SCENARIO_FILE, rules.shown(file.getKey()),
                        problem.line(), problem.column(), problem.message())));
            }
            List<String> lines = file.getValue().lines().toList();
            for (JsonNode scenario : list == null ? List.<JsonNode>of() : list) {
                if (!names(scenario, term)) {
                    continue;
                }
                String name = scenario.path("name").asText("");
                int line = LocalPolicy.lineOf(lines, name);
                for (int i = line - 1; i < lines.size(); i++) {
                    if (word.matcher(lines.get(i)).find()) {
                        line = i + 1;
                        break;
                    }
                }
                uses.add(new Use(rules.shown(file.getKey()), line, "scenario \"" + name + "\""));
            }
        }
    }

    private static boolean names(JsonNode node, String term) {
        if (node.isTextual()) {
            return node.asText().equals(term);
        }
        if (node.isObject()) {
            for (var fields = node.fields(); fields.hasNext(); ) {
                var field = fields.next();
                if (field.getKey().equals(term) || names(field.getValue(), term)) {
                    return true;
                }
            }
            return false;
        }
        for (JsonNode item : node) {
            if (names(item, term)) {
                return true;
            }
        }
        return false;
    }

    private static void codeRows(RulesSnapshot rules, String term, List<Use> uses) {
        codeRows(rules).forEach((at, cells) -> {
            if (cells.contains(term)) {
                uses.add(new Use(at.file(), at.line(), "code row " + String.join(",", cells)));
            }
        });
    }

    /** Each row of the code tables (comments and headers left out), by where it is, as cells. */
    private static Map<Use, List<String>> codeRows(RulesSnapshot rules) {
        Map<Use, List<String>> rows = new java.util.LinkedHashMap<>();
        rules.text("codes/", ".csv").forEach((name, text) -> {
            List<String> lines = text.lines().toList();
            for (int i = 1; i < lines.size(); i++) {
                if (lines.get(i).isBlank() || lines.get(i).startsWith("#")) {
                    continue;
                }
                try {
                    rows.put(new Use(rules.shown(name), i + 1, ""), CodeTable.cells(lines.get(i)));
                } catch (IllegalArgumentException e) {
                    // a row the load check refuses names nothing here
                }
            }
        });
        return rows;
    }

    private static Pattern whole(String term) {
        return Pattern.compile("(?<![\\w.])" + Pattern.quote(term) + "(?![\\w])");
    }
}
