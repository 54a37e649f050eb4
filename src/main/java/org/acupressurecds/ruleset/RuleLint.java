package org.acupressurecds.ruleset;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.acupressurecds.engine.LocalPolicy;
import org.acupressurecds.engine.RuleProblem.Kind;
import org.acupressurecds.engine.RuleProblem;
import org.acupressurecds.engine.RuleSet;
import org.acupressurecds.knowledge.Guide;
import org.acupressurecds.knowledge.RedFlag;
import org.acupressurecds.knowledge.SciaticaType;

/**
 * The conventions that keep rules reviewable against the guide: every rule cites a real section and item of it
 * ({@link GuideCitation}) or a local policy, and every sciatica type and red flag is handled by some rule's condition. (What a rule file may say at all,
 * engine steering included, is checked before compiling, by the loader.)
 */
public final class RuleLint {

    public static List<RuleProblem> check(RuleSet rules, String shownFolder) {
        List<RuleProblem> problems = new ArrayList<>();
        for (RuleSet.RuleInfo r : rules.rules()) {
            if (r.source() == null || r.source().isBlank()) {
                problems.add(new RuleProblem(Kind.LINT, r.file(), r.line(), null,
                        "rule \"" + r.name() + "\" has no @source: cite the guide, @source(\"<section>\") or "
                                + "@source(\"<section> > <item>\") in the guide's words (" + Guide.FILE + "), or a "
                                + "local policy recorded in " + LocalPolicy.FILE + ", @source(\"" + LocalPolicy.SOURCE
                                + "<name>\")"));
                continue;
            }
            if (r.source().startsWith(LocalPolicy.SOURCE)) {
                String policy = r.source().substring(LocalPolicy.SOURCE.length());
                if (rules.policies().stream().noneMatch(p -> p.name().equals(policy))) {
                    problems.add(new RuleProblem(Kind.LINT, r.file(), r.line(), null, "rule \"" + r.name() + "\" cites the local "
                            + "policy \"" + policy + "\", which " + LocalPolicy.FILE + " does not define"
                            + policies(rules)));
                }
                continue;
            }
            GuideCitation.problem(r.source(), Guide.shipped()).ifPresent(problem -> problems.add(new RuleProblem(
                    Kind.LINT, r.file(), r.line(), null, "rule \"" + r.name() + "\" cites \"" + r.source() + "\": "
                            + problem)));
        }
        for (LocalPolicy policy : rules.policies()) {
            if (rules.rules().stream().noneMatch(r -> (LocalPolicy.SOURCE + policy.name()).equals(r.source()))) {
                problems.add(new RuleProblem(Kind.LINT, shownFolder + "/" + LocalPolicy.FILE, null, null, "local policy \""
                        + policy.name() + "\" is followed by no rule: cite it with @source(\"" + LocalPolicy.SOURCE
                        + policy.name() + "\"), or remove it"));
            }
        }
        // "Handled" means tested in some condition, as the parser read it: a mention in a comment or a string is not.
        Stream.concat(Arrays.stream(SciaticaType.values()).map(t -> "SciaticaType." + t.name()),
                        Arrays.stream(RedFlag.values()).map(f -> "RedFlag." + f.name()))
                .filter(constant -> !rules.terms().constants().contains(constant))
                .forEach(constant -> problems.add(new RuleProblem(Kind.LINT, shownFolder, null, null,
                        "no rule handles " + constant)));
        return problems;
    }

    private static String policies(RuleSet rules) {
        return rules.policies().isEmpty() ? " (it defines none)"
                : " (it defines: " + String.join("; ", rules.policies().stream().map(LocalPolicy::name).toList()) + ")";
    }

}
