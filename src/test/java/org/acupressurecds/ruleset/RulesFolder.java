package org.acupressurecds.ruleset;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A copy of the real rules/ folder, for a test to edit as a rule author would. */
public final class RulesFolder {

    /**
     * A draft rule file for tests of what an edit changes, whatever the bundled rules say: a pain score of exactly 7
     * becomes an emergency. It has no @source, so a check of a folder with it always fails the lint.
     */
    public static final String DRAFT_FILE = "test-draft.drl";
    public static final String DRAFT_RULE = "A pain score of exactly 7 is an emergency in this test draft";
    public static final String DRAFT = """
            package rules;
            import org.acupressurecds.knowledge.*;

            rule "%s"
            when
                PatientFacts( painScore == 7 )
            then
                insertLogical( new Finding( Verdict.EMERGENCY, ActionTiming.FIRST, "Test draft.", "Test draft." ) );
            end
            """.formatted(DRAFT_RULE);

    private RulesFolder() {
    }

    /**
     * A copy of the real rules where every red-flag rule of contraindications.drl first asks the condition: a red
     * flag hidden behind it, as a careless or malicious edit would.
     */
    public static Path withRedFlagsBehind(String condition, Path target) throws IOException {
        copyTo(target);
        Path file = target.resolve("contraindications.drl");
        String rules = Files.readString(file);
        if (!rules.contains(RED_FLAG_PATTERN)) {
            throw new IllegalStateException("contraindications.drl no longer reads " + RED_FLAG_PATTERN);
        }
        Files.writeString(file, rules.replace(RED_FLAG_PATTERN, "PatientFacts( " + condition + ", redFlags contains"));
        return target;
    }

    private static final String RED_FLAG_PATTERN = "PatientFacts( redFlags contains";

    public static void copyTo(Path target) throws IOException {
        try (var files = Files.walk(Path.of("rules"))) {
            for (Path source : files.toList()) {
                Path destination = target.resolve(Path.of("rules").relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(destination);
                } else {
                    Files.copy(source, destination);
                }
            }
        }
    }
}
