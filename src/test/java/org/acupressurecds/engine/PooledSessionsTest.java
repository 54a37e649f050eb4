package org.acupressurecds.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.acupressurecds.BesideTheService;
import org.acupressurecds.knowledge.Assessment;
import org.acupressurecds.knowledge.PatientFacts;
import org.acupressurecds.knowledge.RedFlag;
import org.acupressurecds.knowledge.SciaticaType;
import org.junit.jupiter.api.Test;

/** Sessions are reused across evaluations: none may remember anything of the patient before. */
@BesideTheService
class PooledSessionsTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 24);

    @Test
    void aReusedSessionAnswersEachPatientAsAFreshRuleSetWould() throws Exception {
        List<PatientFacts> patients = List.of(
                PatientFacts.builder(SciaticaType.DISC_HERNIATION, TODAY)
                        .screenedRedFlags(Set.of(RedFlag.CAUDA_EQUINA_SYNDROME)).painScore(9, TODAY).build(),
                PatientFacts.builder(SciaticaType.PIRIFORMIS_SYNDROME, TODAY).screenedRedFlags(Set.of())
                        .painScore(3, TODAY).spinalSurgery(false, null).build(),
                PatientFacts.builder(SciaticaType.SPINAL_STENOSIS, TODAY).screenedRedFlags(Set.of())
                        .spinalSurgery(true, TODAY.minusMonths(1)).build());
        Evaluator evaluator = new Evaluator();
        Map<PatientFacts, Assessment> firstAnswers = new HashMap<>();
        for (PatientFacts patient : patients) { // each the first evaluation of its own rule set: a new session
            firstAnswers.put(patient, evaluator.evaluate(new RuleSetLoader().load(Path.of("rules")), patient));
        }
        RuleSet reused = new RuleSetLoader().load(Path.of("rules"));

        for (int round = 0; round < 50; round++) { // far more evaluations than the pool has sessions
            for (PatientFacts patient : patients) {
                assertEquals(firstAnswers.get(patient), evaluator.evaluate(reused, patient),
                        "round " + round + ", " + patient.sciaticaType());
            }
        }
    }
}
