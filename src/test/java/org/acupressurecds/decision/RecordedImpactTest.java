package org.acupressurecds.decision;

import org.acupressurecds.http.Requester;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.acupressurecds.BesideTheService;
import org.acupressurecds.ruleset.ImpactAnalysis;
import org.acupressurecds.ruleset.RulesFolder;
import org.acupressurecds.engine.Evaluator;
import org.acupressurecds.engine.RuleSet;
import org.acupressurecds.engine.RuleSetLoader;
import org.acupressurecds.knowledge.PatientFacts;
import org.acupressurecds.knowledge.SciaticaType;
import org.acupressurecds.ruleset.RecordedImpact;
import org.acupressurecds.store.MigratedH2;
import org.acupressurecds.store.RecordStore;
import org.acupressurecds.store.RecordedFacts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A known draft on a seeded history gives the known verdict transitions and the rules that start firing. */
@BesideTheService
public class RecordedImpactTest {

    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");

    /** The known history: four piriformis patients, screened, no surgery, with pain 3, 7, 7 and 8, five days before. */
    public static void seed(RecordStore store, Path spool, Instant now) throws Exception {
        DecisionRecorder recorder = new DecisionRecorder(store, new Spool(spool, 10_000_000));
        recorder.start(null);
        RuleSet serving = new RuleSetLoader().load(Path.of("rules"));
        LocalDate day = LocalDate.ofInstant(now, ZoneOffset.UTC).minusDays(5);
        for (int pain : List.of(3, 7, 7, 8)) {
            PatientFacts facts = PatientFacts.builder(SciaticaType.PIRIFORMIS_SYNDROME, day).screenedRedFlags(Set.of())
                    .painScore(pain, day).spinalSurgery(false, null).build();
            recorder.record(DecisionRecord.of(Channel.API, Requester.ANONYMOUS, facts,
                    new Evaluator().evaluate(serving, facts), "0".repeat(64), now.minusSeconds(86_400 * 5), null));
        }
        recorder.stop(null);
    }

    @Test
    void aDraftThatMakesPain7AnEmergencyTurnsOnlyThePain7DecisionsIntoEmergencies(@TempDir Path spool) throws Exception {
        RecordStore store = new RecordStore(MigratedH2.create(), "test");
        seed(store, spool, NOW);
        RuleSet draft = new RuleSetLoader().load(Path.of("rules"), Map.of(RulesFolder.DRAFT_FILE, RulesFolder.DRAFT));

        ImpactAnalysis.Impact impact = new RecordedImpact(store, Clock.fixed(NOW, ZoneOffset.UTC))
                .of(draft, Period.ofDays(30));

        assertEquals(4, impact.decisions());
        assertEquals(1, impact.transitions().size(), impact.transitions().toString());
        ImpactAnalysis.Transition t = impact.transitions().get(0);
        assertEquals(List.of("EMERGENCY", 2L), List.of(t.to(), t.count()));
        assertEquals(1, t.examples().size(), "the two pain-7 decisions are one patient's facts: one example");
        assertEquals(7, ((RecordedFacts) t.examples().get(0).facts()).painScore());
        assertTrue(t.examples().get(0).newlyFiring().contains(RulesFolder.DRAFT_RULE));
        assertFalse(t.examples().get(0).stoppingFiring().isEmpty(), "the suitable verdict's rule stops firing");
        assertTrue(t.examples().get(0).newlyFiring().stream().noneMatch(t.examples().get(0).stoppingFiring()::contains));
        assertEquals(Map.of(RulesFolder.DRAFT_RULE, 2L), Map.of(RulesFolder.DRAFT_RULE,
                impact.newlyFiring().get(RulesFolder.DRAFT_RULE)));
        assertTrue(impact.stoppingFiring().values().stream().allMatch(n -> n <= 2), impact.stoppingFiring().toString());
    }
}
