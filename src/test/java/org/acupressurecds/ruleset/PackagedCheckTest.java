package org.acupressurecds.ruleset;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.acupressurecds.engine.RulesSnapshot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A pass kept at packaging spares the startup gate only for the very rules and the very build it was made for: a byte
 * more in a rule, another application jar, another dependency list, or a JVM not running a package gets the whole check.
 */
class PackagedCheckTest {

    @Test
    void aPassHoldsOnlyForItsRulesAndItsBuild(@TempDir Path temp) throws Exception {
        Path app = Files.createDirectories(temp.resolve("quarkus-app"));
        Files.createDirectories(app.resolve("app"));
        Files.writeString(app.resolve("app/acupressure-cds.jar"), "the application");
        Files.writeString(app.resolve("quarkus-app-dependencies.txt"), "org.drools:drools-core::jar:10.2.0");
        RulesSnapshot bundled = RulesSnapshot.read(Path.of("rules"));
        Path edited = temp.resolve("rules");
        RulesFolder.copyTo(edited);
        Files.writeString(edited.resolve("mats.drl"), Files.readString(edited.resolve("mats.drl")) + "\n// edited\n");

        assertFalse(PackagedCheck.passed(Optional.of(app), bundled), "no record: the whole check");
        PackagedCheck.keep(app, bundled, 80);
        assertTrue(PackagedCheck.passed(Optional.of(app), bundled));
        assertFalse(PackagedCheck.passed(Optional.of(app), RulesSnapshot.read(edited)), "other rules");
        assertFalse(PackagedCheck.passed(Optional.empty(), bundled), "not a package: tests, dev mode");

        Files.writeString(app.resolve("quarkus-app-dependencies.txt"), "org.drools:drools-core::jar:10.3.0");
        assertFalse(PackagedCheck.passed(Optional.of(app), bundled), "another dependency");
        PackagedCheck.keep(app, bundled, 80);
        Files.writeString(app.resolve("app/acupressure-cds.jar"), "the application, rebuilt");
        assertFalse(PackagedCheck.passed(Optional.of(app), bundled), "another application jar");
    }
}
