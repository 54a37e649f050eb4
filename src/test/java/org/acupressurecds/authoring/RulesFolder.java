package org.acupressurecds.authoring;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A copy of the real rules/ folder, for a test to edit as a rule author would. */
public final class RulesFolder {

    private RulesFolder() {
    }

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
