package org.acupressurecds.ruleset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.acupressurecds.BesideTheService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The worked example of docs/rule-authoring.md, a clinic's session cap, as an author would follow it: its steps
 * (append to a file, create a file) applied to a copy of rules/, then the check.
 */
@BesideTheService
class WorkedExampleTest {

    private static final Pattern STEP = Pattern.compile("(Append to|Create) `rules/([^`]+)`[^\\n]*:\\n\\n```[a-z]*\\n(.*?)\\n```",
            Pattern.DOTALL);

    @Test
    void theSessionCapOfTheWorkedExamplePassesTheCheckInACopyOfTheRules(@TempDir Path copy) throws Exception {
        String doc = Files.readString(Path.of("docs/rule-authoring.md"));
        String example = doc.substring(doc.indexOf("## Worked example: a clinic's session cap"),
                doc.indexOf("## Adding a rule"));
        RulesFolder.copyTo(copy);
        Matcher step = STEP.matcher(example);
        int steps = 0;
        while (step.find()) {
            Path file = copy.resolve(step.group(2));
            if (step.group(1).equals("Append to")) {
                Files.writeString(file, "\n" + step.group(3) + "\n", StandardOpenOption.APPEND);
            } else {
                Files.writeString(file, step.group(3) + "\n");
            }
            steps++;
        }
        assertEquals(3, steps, "a policy, a rule and its scenarios");
        ByteArrayOutputStream printed = new ByteArrayOutputStream();

        int exit = RuleCheck.run(new String[] {"check", copy.toString()},
                new PrintStream(printed, true, StandardCharsets.UTF_8), () -> null);

        String output = printed.toString(StandardCharsets.UTF_8);
        assertEquals(0, exit, output);
        assertTrue(output.matches("(?s)OK: \\d+ rules, version [0-9a-f]{16}; (\\d+) scenarios: \\1 passed, 0 failed; .*"),
                output);
    }
}
