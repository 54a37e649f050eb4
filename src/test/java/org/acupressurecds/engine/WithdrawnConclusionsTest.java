package org.acupressurecds.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.acupressurecds.BesideTheService;
import org.acupressurecds.knowledge.Assessment;
import org.acupressurecds.knowledge.PatientFacts;
import org.acupressurecds.knowledge.Reason;
import org.acupressurecds.knowledge.SciaticaType;
import org.acupressurecds.knowledge.Verdict;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kie.api.event.rule.DefaultRuleRuntimeEventListener;
import org.kie.api.event.rule.ObjectDeletedEvent;
import org.kie.api.runtime.KieSession;

/**
 * A conclusion the rules withdraw (its condition no longer holds once a later rule concludes) is not part of the
 * answer, and what stands keeps the order it was concluded in. The guide's rules happen to withdraw nothing, so a
 * rule set of three rules that does is written here.
 */
@BesideTheService
class WithdrawnConclusionsTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 12, 6);

    private static final String RULES = """
            package rules;

            import org.acupressurecds.knowledge.*;

            rule "A patient with no finding is suitable"
                @source("Quick Answer: Does Acupressure Mat Help Sciatica?")
            when
                PatientFacts()
                not Finding()
            then
                insertLogical( new Decision( Verdict.SUITABLE, ActionTiming.FIRST, "Use the mat.", "No finding." ) );
            end

            rule "Every patient has a caution finding"
                @source("Quick Answer: Does Acupressure Mat Help Sciatica?")
            when
                PatientFacts()
            then
                insertLogical( new Finding( Verdict.CAUTION, ActionTiming.ALONGSIDE, "Go gently.", "A finding." ) );
            end

            rule "A finding decides the verdict"
                @source("Quick Answer: Does Acupressure Mat Help Sciatica?")
            when
                Finding( $verdict : verdict )
            then
                insertLogical( new Decision( $verdict, ActionTiming.ALONGSIDE, "Go gently.", "The finding decides." ) );
            end
            """;

    @Test
    void aWithdrawnConclusionGivesNeitherPartNorReasonOfTheAnswer(@TempDir Path folder) throws Exception {
        Files.writeString(folder.resolve("verdict.drl"), RULES);
        RuleSet rules = new RuleSetLoader().load(folder);
        PatientFacts patient = PatientFacts.builder(SciaticaType.PIRIFORMIS_SYNDROME, TODAY).build();
        assertTrue(withdrawals(rules, patient) > 0, "the rule set withdraws a conclusion, as this test needs");

        for (int round = 0; round < 3; round++) { // pooled sessions too
            Assessment answer = new Evaluator().evaluate(rules, patient);

            assertEquals(Verdict.CAUTION, answer.verdict());
            assertEquals(List.of("Every patient has a caution finding", "A finding decides the verdict"),
                    answer.reasons().stream().map(Reason::rule).toList());
            assertEquals(List.of("Every patient has a caution finding", "A finding decides the verdict"),
                    answer.decidedBy());
        }
    }

    /** How many conclusions the rules withdraw for the patient, in a session of their own. */
    private static int withdrawals(RuleSet rules, PatientFacts patient) {
        KieSession session = rules.kieBase().newKieSession();
        AtomicInteger deleted = new AtomicInteger();
        session.addEventListener(new DefaultRuleRuntimeEventListener() {
            @Override
            public void objectDeleted(ObjectDeletedEvent event) {
                deleted.incrementAndGet();
            }
        });
        try {
            session.insert(patient);
            session.fireAllRules();
            return deleted.get();
        } finally {
            session.dispose();
        }
    }
}
