package org.acupressurecds.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.acupressurecds.BesideTheService;
import org.acupressurecds.knowledge.Assessment;
import org.acupressurecds.knowledge.PatientFacts;
import org.acupressurecds.knowledge.RedFlag;
import org.acupressurecds.knowledge.SciaticaType;
import org.drools.core.common.TruthMaintenanceSystemFactory;
import org.junit.jupiter.api.Test;

/** Sessions are reused across evaluations: none may remember anything of the patient before, nor see another's. */
@BesideTheService
class PooledSessionsTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 24);
    private static final List<PatientFacts> PATIENTS = List.of(
            PatientFacts.builder(SciaticaType.DISC_HERNIATION, TODAY)
                    .screenedRedFlags(Set.of(RedFlag.CAUDA_EQUINA_SYNDROME)).painScore(9, TODAY).build(),
            PatientFacts.builder(SciaticaType.PIRIFORMIS_SYNDROME, TODAY).screenedRedFlags(Set.of())
                    .painScore(3, TODAY).spinalSurgery(false, null).build(),
            PatientFacts.builder(SciaticaType.SPINAL_STENOSIS, TODAY).screenedRedFlags(Set.of())
                    .spinalSurgery(true, TODAY.minusMonths(1)).build());

    private final Evaluator evaluator = new Evaluator();

    /** Each patient's answer from the first evaluation of a rule set of its own: a new session. */
    private Map<PatientFacts, Assessment> firstAnswers() throws RuleSetException {
        Map<PatientFacts, Assessment> answers = new HashMap<>();
        for (PatientFacts patient : PATIENTS) {
            answers.put(patient, evaluator.evaluate(new RuleSetLoader().load(Path.of("rules")), patient));
        }
        return answers;
    }

    @Test
    void aReusedSessionAnswersEachPatientAsAFreshRuleSetWould() throws Exception {
        Map<PatientFacts, Assessment> firstAnswers = firstAnswers();
        RuleSet reused = new RuleSetLoader().load(Path.of("rules"));

        for (int round = 0; round < 50; round++) { // far more evaluations than the pool has sessions
            for (PatientFacts patient : PATIENTS) {
                assertEquals(firstAnswers.get(patient), evaluator.evaluate(reused, patient),
                        "round " + round + ", " + patient.sciaticaType());
            }
        }
    }

    /**
     * Truth maintenance is ours (ConcurrentTruthMaintenance, without Drools' JVM-wide lock): sessions evaluating at
     * once, on more threads than cores, each keep to their own patient's conclusions.
     */
    @Test
    void sessionsEvaluatingAtOnceEachAnswerTheirOwnPatient() throws Exception {
        assertInstanceOf(ConcurrentTruthMaintenance.class, TruthMaintenanceSystemFactory.get());
        Map<PatientFacts, Assessment> firstAnswers = firstAnswers();
        RuleSet shared = new RuleSetLoader().load(Path.of("rules"));

        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int thread = 0; thread < 8; thread++) {
                int first = thread;
                running.add(threads.submit(() -> {
                    for (int round = 0; round < 60; round++) { // each thread its own order of the patients
                        PatientFacts patient = PATIENTS.get((first + round) % PATIENTS.size());
                        assertEquals(firstAnswers.get(patient), evaluator.evaluate(shared, patient),
                                "round " + round + ", " + patient.sciaticaType());
                    }
                    return null;
                }));
            }
            for (Future<?> thread : running) {
                thread.get(); // an assertion failed on a thread fails the test here
            }
        } finally {
            threads.shutdownNow();
        }
    }
}
