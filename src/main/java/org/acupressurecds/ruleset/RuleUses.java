package org.acupressurecds.ruleset;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.acupressurecds.engine.RuleSetLoader;
import org.acupressurecds.engine.RulesSnapshot;

/**
 * Where is this used? Every rule, scenario and code-table row of a rules folder that mentions a term (a fact field,
 * a rule name, a code, a value), with file and line: what an author must look at before changing one of them.
 */
public final class RuleUses {

    /** One mention: where, and in what (the rule or scenario it is in, or the code row). */
    public record Use(String file, int line, String in) {
        @Override
        public String toString() {
            return file + ":" + line + ": " + in;
        }
    }

    private static final Pattern SCENARIO_NAME = Pattern.compile("^\\s*-\\s*name:\\s*(.+)$");

    private RuleUses() {
    }

    public static List<Use> of(RulesSnapshot rules, String term) {
        List<Use> uses = new ArrayList<>();
        rules.drl().forEach((name, text) -> {
            List<String> lines = text.lines().toList();
            List<RuleSetLoader.DeclaredRule> declared = RuleSetLoader.declaredRules(text);
            for (int i = 0; i < lines.size(); i++) {
                int line = i + 1;
                if (lines.get(i).contains(term)) {
                    String in = declared.stream().filter(r -> r.line() <= line).reduce((a, b) -> b)
                            .map(r -> "rule \"" + r.name() + "\"").orElse("(before any rule)");
                    uses.add(new Use(rules.shown(name), line, in));
                }
            }
        });
        rules.scenarios().forEach((name, text) -> scan(text.lines().toList(), rules.shown(name), term, SCENARIO_NAME,
                "scenario \"%s\"", uses));
        rules.text("codes/", ".csv").forEach((name, text) -> {
            List<String> lines = text.lines().toList();
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).contains(term) && !lines.get(i).startsWith("#")) {
                    uses.add(new Use(rules.shown(name), i + 1, "code row " + lines.get(i)));
                }
            }
        });
        return uses;
    }

    /** Each line with the term, named by the rule or scenario it is in (the last one declared above it). */
    private static void scan(List<String> lines, String shown, String term, Pattern declaration, String in,
            List<Use> uses) {
        String current = null;
        for (int i = 0; i < lines.size(); i++) {
            Matcher declared = declaration.matcher(lines.get(i));
            if (declared.find()) {
                current = declared.group(1).strip().replaceAll("^\"|\"$", "");
            }
            if (lines.get(i).contains(term)) {
                uses.add(new Use(shown, i + 1, current == null ? "(before any " + in.split(" ")[0] + ")"
                        : String.format(in, current)));
            }
        }
    }
}
