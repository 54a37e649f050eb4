package org.acupressurecds.authoring;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;
import org.acupressurecds.knowledge.FactModel;
import org.junit.jupiter.api.Test;

/** docs/rule-authoring.md documents every fact type, field and value a rule can use. */
class RuleAuthoringDocTest {

    @Test
    void theFactModelInTheDocMatchesTheJavaTypes() throws Exception {
        String doc = Files.readString(Path.of("docs/rule-authoring.md"));
        for (Class<? extends Record> fact : FactModel.FACTS) {
            assertTrue(doc.contains("`" + fact.getSimpleName() + "`"), fact.getSimpleName() + " is not documented");
            for (var component : fact.getRecordComponents()) {
                assertTrue(doc.contains("`" + component.getName() + "`"),
                        fact.getSimpleName() + "." + component.getName() + " is not documented");
            }
        }
        FactModel.VOCABULARIES.stream().flatMap(v -> Stream.concat(Stream.of(v.getSimpleName()),
                        Arrays.stream(v.getEnumConstants()).map(Enum::name)))
                .forEach(name -> assertTrue(doc.contains("`" + name + "`"), name + " is not documented"));
    }
}
