package org.acupressurecds.authoring;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.acupressurecds.engine.RuleSetLoader;

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

    public static List<Use> of(Path folder, String term) {
        List<Use> uses = new ArrayList<>();
        String shown = folder.toString().replace('\\', '/');
        for (Path file : files(folder, ".drl")) {
            List<String> lines = read(file);
            List<RuleSetLoader.DeclaredRule> rules = RuleSetLoader.declaredRules(String.join("\n", lines));
            for (int i = 0; i < lines.size(); i++) {
                int line = i + 1;
                if (lines.get(i).contains(term)) {
                    String in = rules.stream().filter(r -> r.line() <= line).reduce((a, b) -> b)
                            .map(r -> "rule \"" + r.name() + "\"").orElse("(before any rule)");
                    uses.add(new Use(shown + "/" + file.getFileName(), line, in));
                }
            }
        }
        for (Path file : files(folder.resolve(ScenarioFiles.FOLDER), ".yaml")) {
            scan(file, shown + "/" + ScenarioFiles.FOLDER + "/" + file.getFileName(), term, SCENARIO_NAME,
                    "scenario \"%s\"", uses);
        }
        for (Path file : files(folder.resolve("codes"), ".csv")) {
            List<String> lines = read(file);
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).contains(term) && !lines.get(i).startsWith("#")) {
                    uses.add(new Use(shown + "/codes/" + file.getFileName(), i + 1, "code row " + lines.get(i)));
                }
            }
        }
        return uses;
    }

    /** Each line with the term, named by the rule or scenario it is in (the last one declared above it). */
    private static void scan(Path file, String shown, String term, Pattern declaration, String in, List<Use> uses) {
        List<String> lines = read(file);
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

    private static List<Path> files(Path folder, String suffix) {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> list = Files.list(folder)) {
            return list.filter(f -> f.getFileName().toString().endsWith(suffix)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> read(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
