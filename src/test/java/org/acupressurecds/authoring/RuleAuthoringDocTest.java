package org.acupressurecds.authoring;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.acupressurecds.knowledge.ComplementaryCare;
import org.acupressurecds.knowledge.Decision;
import org.acupressurecds.knowledge.ExpectedResponse;
import org.acupressurecds.knowledge.Finding;
import org.acupressurecds.knowledge.Laterality;
import org.acupressurecds.knowledge.MatAdvice;
import org.acupressurecds.knowledge.MissingData;
import org.acupressurecds.knowledge.PatientFacts;
import org.acupressurecds.knowledge.PlanPermitted;
import org.acupressurecds.knowledge.Position;
import org.acupressurecds.knowledge.PositionId;
import org.acupressurecds.knowledge.ProtocolWeek;
import org.acupressurecds.knowledge.RedFlag;
import org.acupressurecds.knowledge.ResponseLevel;
import org.acupressurecds.knowledge.SciaticaType;
import org.acupressurecds.knowledge.TimelineMilestone;
import org.acupressurecds.knowledge.Verdict;
import org.acupressurecds.knowledge.WarningSign;
import org.junit.jupiter.api.Test;

/** docs/rule-authoring.md documents every fact type, field and value a rule can use. */
class RuleAuthoringDocTest {

    private static final List<Class<? extends Record>> FACTS = List.of(PatientFacts.class, Finding.class, Decision.class,
            PlanPermitted.class, ExpectedResponse.class, Position.class, ProtocolWeek.class, MatAdvice.class,
            ComplementaryCare.class, TimelineMilestone.class, WarningSign.class, MissingData.class);
    private static final List<Class<? extends Enum<?>>> VOCABULARIES = List.of(SciaticaType.class, RedFlag.class,
            Laterality.class, Verdict.class, ResponseLevel.class, PositionId.class);

    @Test
    void theFactModelInTheDocMatchesTheJavaTypes() throws Exception {
        String doc = Files.readString(Path.of("docs/rule-authoring.md"));
        for (Class<? extends Record> fact : FACTS) {
            assertTrue(doc.contains("`" + fact.getSimpleName() + "`"), fact.getSimpleName() + " is not documented");
            for (var component : fact.getRecordComponents()) {
                assertTrue(doc.contains("`" + component.getName() + "`"),
                        fact.getSimpleName() + "." + component.getName() + " is not documented");
            }
        }
        VOCABULARIES.stream().flatMap(v -> Stream.concat(Stream.of(v.getSimpleName()),
                        Arrays.stream(v.getEnumConstants()).map(Enum::name)))
                .forEach(name -> assertTrue(doc.contains("`" + name + "`"), name + " is not documented"));
    }
}
