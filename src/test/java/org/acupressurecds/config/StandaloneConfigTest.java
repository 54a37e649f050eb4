package org.acupressurecds.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The rule authors' check and the health probe, which run without Quarkus, read the settings as the packaged service
 * does: application.properties in its production profile, defaults from the one mapping, a system property above both.
 */
class StandaloneConfigTest {

    @AfterEach
    void clear() {
        System.clearProperty("cds.rules.debounce");
    }

    @Test
    void applicationPropertiesAreReadInTheProductionProfile() {
        StandaloneConfig config = StandaloneConfig.read();

        assertEquals("postgresql", config.setting("quarkus.datasource.db-kind"), "set only in application.properties");
        assertEquals(Path.of("rules"), config.cds().rules().dir());
        assertFalse(config.cds().security().open(), "open only in the dev and test profiles");
    }

    @Test
    void theMappingsDefaultsApplyAndASystemPropertyWins() {
        assertEquals(20, StandaloneConfig.read().cds().fhir().maxPages());
        assertEquals(Duration.ofMillis(300), StandaloneConfig.read().cds().rules().debounce());

        System.setProperty("cds.rules.debounce", "2s");

        assertEquals(Duration.ofSeconds(2), StandaloneConfig.read().cds().rules().debounce());
    }
}
