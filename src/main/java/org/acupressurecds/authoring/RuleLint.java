package org.acupressurecds.authoring;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.acupressurecds.engine.RuleProblem;
import org.acupressurecds.engine.RuleSet;
import org.acupressurecds.knowledge.RedFlag;
import org.acupressurecds.knowledge.SciaticaType;

/**
 * The conventions that keep rules reviewable against the guide: every rule cites its section and every sciatica
 * type and red flag is handled by some rule. (What a rule may name at all, engine steering included, is checked
 * before compiling, by the loader's allowlist.)
 */
public final class RuleLint {

    private RuleLint() {
    }

    public static List<RuleProblem> check(RuleSet rules, Map<String, byte[]> drlFiles, String shownFolder) {
        List<RuleProblem> problems = new ArrayList<>();
        rules.rules().stream().filter(r -> r.source() == null || r.source().isBlank())
                .forEach(r -> problems.add(new RuleProblem(r.file(), r.line(), null,
                        "rule \"" + r.name() + "\" has no @source(\"<guide section>\")")));
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
