package org.acupressurecds.ruleset;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** The service runs on a copy of the rules, so a test can edit them as an author would (and puts them back). */
public class CopiedRules implements QuarkusTestProfile {

    private static final Path FOLDER = copy();

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("cds.rules.dir", FOLDER.toString(), "cds.rules.debounce", "200ms");
    }

    public static Path folder() {
        return FOLDER;
    }

    private static Path copy() {
        try {
            Path folder = Files.createTempDirectory("copied-rules");
            RulesFolder.copyTo(folder);
            return folder;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
