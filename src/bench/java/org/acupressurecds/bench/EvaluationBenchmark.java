package org.acupressurecds.bench;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.acupressurecds.engine.EngineLogging;
import org.acupressurecds.engine.Evaluator;
import org.acupressurecds.engine.RuleSet;
import org.acupressurecds.engine.RuleSetException;
import org.acupressurecds.engine.RuleSetLoader;
import org.acupressurecds.engine.RulesSnapshot;
import org.acupressurecds.knowledge.Assessment;
import org.acupressurecds.knowledge.Laterality;
import org.acupressurecds.knowledge.PatientFacts;
import org.acupressurecds.knowledge.RedFlag;
import org.acupressurecds.knowledge.SciaticaType;
import org.kie.api.event.rule.AfterMatchFiredEvent;
import org.kie.api.event.rule.DefaultAgendaEventListener;
import org.kie.api.runtime.KieSession;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One assessment in process, as the service makes it: the real rules/ on three representative patients, the same
 * with a rule set of one rule, so the cost of our rules stands apart from the engine's, and with only the rules that
 * fire for the patient, so the cost of the answer's conclusions stands apart from the matching of the rules that do
 * not. Sample time gives the median and p99 per call, with the service's logging (EngineLogging). Run with
 * ./mvnw -q -Pbench test (docs/performance.md).
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(value = 1, jvmArgsAppend = "-Xmx512m")
@State(Scope.Benchmark)
public class EvaluationBenchmark {

    /** The three patients of the issue: a suitable piriformis patient, an emergency, a caution with many positions. */
    public enum Patient {
        SUITABLE_PIRIFORMIS, EMERGENCY, CAUTION_MANY_POSITIONS;

        PatientFacts facts(LocalDate today) {
            return switch (this) {
                case SUITABLE_PIRIFORMIS -> PatientFacts.builder(SciaticaType.PIRIFORMIS_SYNDROME, today)
                        .screenedRedFlags(Set.of()).painScore(4, today).spinalSurgery(false, null)
                        .largeDiscHerniationWithImpingement(false).referredLegPain(false).sedentaryWork(false)
                        .laterality(Laterality.LEFT).build();
                case EMERGENCY -> PatientFacts.builder(SciaticaType.DISC_HERNIATION, today)
                        .screenedRedFlags(Set.of(RedFlag.CAUDA_EQUINA_SYNDROME, RedFlag.BLADDER_DYSFUNCTION))
                        .painScore(9, today).build();
                case CAUTION_MANY_POSITIONS -> PatientFacts.builder(SciaticaType.DISC_HERNIATION, today)
                        .screenedRedFlags(Set.of()).painScore(5, today).spinalSurgery(false, null)
                        .largeDiscHerniationWithImpingement(false).referredLegPain(true).sedentaryWork(true)
                        .laterality(Laterality.RIGHT).build();
            };
        }
    }

    @Param({"SUITABLE_PIRIFORMIS", "EMERGENCY", "CAUTION_MANY_POSITIONS"})
    public Patient patient;

    private final Evaluator evaluator = new Evaluator();
    private RuleSet guide;
    private RuleSet oneRule;
    private RuleSet firing;
    private PatientFacts facts;

    @Setup(Level.Trial)
    public void compile() throws RuleSetException {
        EngineLogging.asTheServiceDoes();
        guide = new RuleSetLoader().load(Path.of("rules"));
        oneRule = new RuleSetLoader().load(Path.of("src/test/resources/rulesets/valid-minimal"));
        facts = patient.facts(LocalDate.now());
        firing = onlyTheRulesThatFire(guide, facts);
    }

    /**
     * rules/ with every rule that does not fire for the patient left out (its lines blanked, so the others keep
     * theirs); the same answer, or the benchmark does not run.
     */
    private RuleSet onlyTheRulesThatFire(RuleSet all, PatientFacts patient) throws RuleSetException {
        Set<String> fired = new HashSet<>();
        KieSession session = all.kieBase().newKieSession();
        try {
            session.addEventListener(new DefaultAgendaEventListener() {
                @Override
                public void afterMatchFired(AfterMatchFiredEvent event) {
                    fired.add(event.getMatch().getRule().getName());
                }
            });
            session.insert(patient); // all that the Evaluator inserts
            session.fireAllRules();
        } finally {
            session.dispose();
        }
        Assessment answer = evaluator.evaluate(all, patient);
        RulesSnapshot rules = RulesSnapshot.read(Path.of("rules"));
        Map<String, String> pruned = new HashMap<>();
        rules.drl().forEach((file, drl) -> {
            String[] lines = drl.split("\n", -1);
            for (RuleSetLoader.DeclaredRule rule : RuleSetLoader.declaredRules(drl)) {
                if (!fired.contains(rule.name())) {
                    for (int line = rule.line(); line <= rule.endLine(); line++) {
                        lines[line - 1] = "";
                    }
                }
            }
            pruned.put(file, String.join("\n", lines));
        });
        RuleSet only = new RuleSetLoader().load(rules.with(pruned));
        Assessment same = evaluator.evaluate(only, patient);
        if (!withoutVersion(same).equals(withoutVersion(answer))) {
            throw new IllegalStateException("the rules that fire alone answer " + same + ", not " + answer);
        }
        return only;
    }

    private static String withoutVersion(Assessment a) {
        return a.toString().replace(a.rulesetVersion(), "");
    }

    /** The whole guide's rules. */
    @Benchmark
    public Assessment assessWithTheGuidesRules() {
        return evaluator.evaluate(guide, facts);
    }

    /** The engine alone: a session, the patient, one rule that decides, the answer assembled. */
    @Benchmark
    public Assessment assessWithOneRule() {
        return evaluator.evaluate(oneRule, facts);
    }

    /** The patient's own conclusions, through the rules that make them: rules/ less those that do not fire for it. */
    @Benchmark
    public Assessment assessWithTheRulesThatFire() {
        return evaluator.evaluate(firing, facts);
    }
}
