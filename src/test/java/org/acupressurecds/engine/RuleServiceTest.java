package org.acupressurecds.engine;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class RuleServiceTest {

    @Test
    void serviceRefusesToStartOnRulesThatDoNotCompileAndSaysFileAndLine() {
        RuleService service = new RuleService(Path.of("src/test/resources/rulesets/syntax-error"));

        IllegalStateException e = assertThrows(IllegalStateException.class, service::loadAtStartup);

        assertTrue(e.getMessage().contains("src/test/resources/rulesets/syntax-error/positions.drl:9: [ERR 102]"),
                e.getMessage());
    }
}
