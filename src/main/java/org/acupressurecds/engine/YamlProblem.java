package org.acupressurecds.engine;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * A YAML file that does not parse (a scenario file, policies.yaml), said in the author's words at the line that is
 * wrong: a field indented under the one above it, one that lines up with nothing, a brace left open, a tab, a colon
 * in a value. The parser's own words stand only where none of these fit, without its excerpt.
 */
public record YamlProblem(int line, Integer column, String message) {

    /** A key at the start of a line, after any "- ": its indentation is its column. */
    private static final Pattern KEY = Pattern.compile("^(\\s*(?:-\\s+)?)([A-Za-z_][\\w-]*):(\\s*)(.*)$");

    public static YamlProblem of(String text, JsonProcessingException e) {
        List<String> lines = text.lines().toList();
        if (!(e.getCause() instanceof MarkedYAMLException parsed) || parsed.getProblemMark() == null) {
            int line = e.getLocation() == null ? 1 : e.getLocation().getLineNr();
            return new YamlProblem(line, null, e.getOriginalMessage().lines().findFirst().orElse("cannot be read"));
        }
        Mark at = parsed.getProblemMark();
        int line = at.getLine() + 1;
        String problem = String.valueOf(parsed.getProblem());
        if (problem.contains("\\t(TAB)")) {
            return new YamlProblem(line, 1, "a tab indents this line; YAML indents with spaces only");
        }
        if (problem.startsWith("expected ',' or '}'") && parsed.getContextMark() != null) {
            Mark open = parsed.getContextMark();
            return new YamlProblem(open.getLine() + 1, open.getColumn() + 1, "the { opened here is not closed: end it "
                    + "with } on this line");
        }
        if (problem.startsWith("expected ',' or ']'") && parsed.getContextMark() != null) {
            Mark open = parsed.getContextMark();
            return new YamlProblem(open.getLine() + 1, open.getColumn() + 1, "the [ opened here is not closed: end it "
                    + "with ] on this line");
        }
        boolean misplaced = problem.startsWith("expected <block end>") || problem.startsWith("mapping values are not "
                + "allowed here");
        if (misplaced) {
            Optional<YamlProblem> indentation = indentation(lines, line);
            if (indentation.isPresent()) {
                return indentation.get();
            }
        }
        if (problem.startsWith("mapping values are not allowed here") && line <= lines.size()) {
            Matcher key = KEY.matcher(lines.get(line - 1));
            if (key.matches()) {
                return new YamlProblem(line, at.getColumn() + 1, "the value of " + key.group(2) + ": holds \": \"; put "
                        + "it in quotes: " + key.group(2) + ": \"" + key.group(4).strip() + "\"");
            }
        }
        return new YamlProblem(line, at.getColumn() + 1, (parsed.getContext() == null ? "" : parsed.getContext() + ": ")
                + problem);
    }

    /**
     * A key that does not line up: the line's key (at the problem's line, or the first key line below it where the
     * parser stopped early) against the key above it.
     */
    private static Optional<YamlProblem> indentation(List<String> lines, int problemLine) {
        for (int line = problemLine; line <= Math.min(lines.size(), problemLine + 1); line++) {
            Matcher key = KEY.matcher(lines.get(line - 1));
            if (!key.matches()) {
                continue;
            }
            int column = key.group(1).length();
            Matcher above = keyAbove(lines, line);
            if (above == null) {
                return Optional.empty();
            }
            int aboveColumn = above.group(1).length();
            String name = key.group(2);
            String aboveName = above.group(2);
            if (column > aboveColumn && !above.group(4).isBlank()) {
                return Optional.of(new YamlProblem(line, column + 1, name + ": is indented under " + aboveName
                        + ":, which already has a value; it should line up with " + aboveName + ":"));
            }
            if (column < aboveColumn) {
                Matcher entry = entryAbove(lines, line);
                return Optional.of(new YamlProblem(line, column + 1, name + ": lines up with no field above it"
                        + (entry == null ? "" : "; the fields of an entry line up with " + entry.group(2) + ":")));
            }
            if (column > aboveColumn) {
                continue;
            }
        }
        return Optional.empty();
    }

    private static Matcher keyAbove(List<String> lines, int line) {
        for (int i = line - 2; i >= 0; i--) {
            String text = lines.get(i);
            if (text.isBlank() || text.stripLeading().startsWith("#")) {
                continue;
            }
            Matcher key = KEY.matcher(text);
            return key.matches() ? key : null;
        }
        return null;
    }

    /** The first key of the list entry (- name: …) above the line. */
    private static Matcher entryAbove(List<String> lines, int line) {
        for (int i = line - 2; i >= 0; i--) {
            Matcher key = KEY.matcher(lines.get(i));
            if (key.matches() && key.group(1).contains("-")) {
                return key;
            }
        }
        return null;
    }
}
