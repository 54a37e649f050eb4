package org.acupressurecds.ruleset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.acupressurecds.knowledge.FactGlossary;
import org.acupressurecds.knowledge.FactModel;
import org.junit.jupiter.api.Test;

/** docs/rule-authoring.md documents every fact type, field and value a rule can use, in a glossary from the model. */
class RuleAuthoringDocTest {

    /** The glossary is the one generated from the model; where it is not, the generated one is left to paste in. */
    @Test
    void theFactGlossaryIsGeneratedFromTheModelAndEveryFieldHasAMeaning() throws Exception {
        assertEquals(List.of(), FactGlossary.missingMeanings(), "give each a @Meaning");
        String doc = Files.readString(Path.of("docs/rule-authoring.md"));
        String generated = FactGlossary.markdown();
        int start = doc.indexOf(FactGlossary.START);
        int end = doc.indexOf(FactGlossary.END);
        String inDoc = start < 0 || end < start ? "" : doc.substring(start, end + FactGlossary.END.length());
        if (!inDoc.equals(generated)) {
            Path file = Path.of("target/fact-glossary.md");
            Files.writeString(file, generated + "\n");
            fail("docs/rule-authoring.md's fact glossary is not the one the model gives: replace it with " + file);
        }
    }

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
