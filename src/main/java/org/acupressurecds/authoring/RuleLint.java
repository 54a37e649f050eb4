package org.acupressurecds.authoring;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.acupressurecds.engine.LocalPolicy;
import org.acupressurecds.engine.RuleProblem;
import org.acupressurecds.engine.RuleSet;
import org.acupressurecds.knowledge.RedFlag;
import org.acupressurecds.knowledge.SciaticaType;

/**
 * The conventions that keep rules reviewable against the guide: every rule cites its section, in the guide's own
 * words, and every sciatica type and red flag is handled by some rule. (What a rule may name at all, engine steering included, is checked
 * before compiling, by the loader's allowlist.)
 */
public final class RuleLint {

    /** The guide the rules encode, as shipped with the service (docs/guide in the repository). */
    static final String GUIDE_FILE = "docs/guide/sciatica-acupressure-guide.txt";
    private static final String GUIDE = guide();

    private RuleLint() {
    }

    private static String guide() {
        try (InputStream in = RuleLint.class.getResourceAsStream("/guide/sciatica-acupressure-guide.txt")) {
            if (in == null) {
                throw new IllegalStateException("the guide is not on the class path (guide/sciatica-acupressure-guide.txt)");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static List<RuleProblem> check(RuleSet rules, Map<String, byte[]> drlFiles, String shownFolder) {
        List<RuleProblem> problems = new ArrayList<>();
        for (RuleSet.RuleInfo r : rules.rules()) {
            if (r.source() == null || r.source().isBlank()) {
                problems.add(new RuleProblem(r.file(), r.line(), null,
                        "rule \"" + r.name() + "\" has no @source(\"<guide section>\")"));
                continue;
            }
            if (r.source().startsWith(LocalPolicy.SOURCE)) {
                String policy = r.source().substring(LocalPolicy.SOURCE.length());
                if (rules.policies().stream().noneMatch(p -> p.name().equals(policy))) {
                    problems.add(new RuleProblem(r.file(), r.line(), null, "rule \"" + r.name() + "\" cites the local "
                            + "policy \"" + policy + "\", which " + LocalPolicy.FILE + " does not define"
                            + policies(rules)));
                }
                continue;
            }
            for (String part : r.source().split(" > ")) {
                if (!GUIDE.contains(part)) {
                    problems.add(new RuleProblem(r.file(), r.line(), null, "rule \"" + r.name() + "\" cites \"" + part
                            + "\", which is not text of the guide (" + GUIDE_FILE + "): copy its section and item "
                            + "headings as the guide writes them, separated by \" > \""));
                }
            }
        }
        for (LocalPolicy policy : rules.policies()) {
            if (rules.rules().stream().noneMatch(r -> (LocalPolicy.SOURCE + policy.name()).equals(r.source()))) {
                problems.add(new RuleProblem(shownFolder + "/" + LocalPolicy.FILE, null, null, "local policy \""
                        + policy.name() + "\" is followed by no rule: cite it with @source(\"" + LocalPolicy.SOURCE
                        + policy.name() + "\"), or remove it"));
            }
        }
        StringBuilder all = new StringBuilder();
        drlFiles.forEach((name, content) -> {
            String text = new String(content, StandardCharsets.UTF_8);
            all.append(text).append('\n');
            if (!text.isBlank() && !withoutCommentsAndStrings(text).strip().startsWith("package rules;")) {
                problems.add(new RuleProblem(shownFolder + "/" + name, 1, null, "a rule file starts with: package rules;"));
            }
        });
        Stream.concat(Arrays.stream(SciaticaType.values()).map(t -> "SciaticaType." + t.name()),
                        Arrays.stream(RedFlag.values()).map(f -> "RedFlag." + f.name()))
                .filter(constant -> all.indexOf(constant) < 0)
                .forEach(constant -> problems.add(new RuleProblem(shownFolder, null, null,
                        "no rule handles " + constant)));
        return problems;
    }

    private static String policies(RuleSet rules) {
        return rules.policies().isEmpty() ? " (it defines none)"
                : " (it defines: " + String.join("; ", rules.policies().stream().map(LocalPolicy::name).toList()) + ")";
    }

    /** Keeps line breaks, so line numbers still match the file. */
    static String withoutCommentsAndStrings(String drl) {
        StringBuilder out = new StringBuilder(drl.length());
        Matcher m = Pattern.compile("(?s)/\\*.*?\\*/|//[^\n]*|\"(\\\\.|[^\"\\\\])*\"").matcher(drl);
        int last = 0;
        while (m.find()) {
            out.append(drl, last, m.start());
            String skipped = m.group();
            out.append(skipped.startsWith("\"") ? "\"\"" : "").append("\n".repeat((int) skipped.chars().filter(c -> c == '\n').count()));
            last = m.end();
        }
        return out.append(drl.substring(last)).toString();
    }
}
