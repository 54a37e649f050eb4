package org.acupressurecds.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.acupressurecds.engine.ProvenanceListener.Derived;
import org.acupressurecds.knowledge.Assessment;
import org.acupressurecds.knowledge.ComplementaryCare;
import org.acupressurecds.knowledge.Decision;
import org.acupressurecds.knowledge.ExpectedResponse;
import org.acupressurecds.knowledge.Explained;
import org.acupressurecds.knowledge.Finding;
import org.acupressurecds.knowledge.MatAdvice;
import org.acupressurecds.knowledge.MissingData;
import org.acupressurecds.knowledge.PatientFacts;
import org.acupressurecds.knowledge.PlanPermitted;
import org.acupressurecds.knowledge.Position;
import org.acupressurecds.knowledge.ProtocolWeek;
import org.acupressurecds.knowledge.Reason;
import org.acupressurecds.knowledge.SessionCap;
import org.acupressurecds.knowledge.TimelineMilestone;
import org.acupressurecds.knowledge.Verdict;
import org.acupressurecds.knowledge.WarningSign;
import org.kie.api.KieServices;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.KieSessionConfiguration;
import org.kie.api.runtime.conf.ThreadSafeOption;

/**
 * Runs one rule set on one patient, in a session that holds nothing else while it runs (pooled, reset between
 * patients), and assembles the answer from the facts the rules concluded. It decides nothing clinical: verdict,
 * wording and plan all come from the rules.
 */
public final class Evaluator {

    /** A rule set that keeps firing past this has a loop; fail rather than hang a request. */
    static final int MAX_FIRINGS = 10_000;

    /** The order in which reasons are listed: the findings that decide first, then the plan, then what is missing. */
    private static final List<Class<?>> REASON_ORDER = List.of(Finding.class, Decision.class, PlanPermitted.class,
            ExpectedResponse.class, SessionCap.class, Position.class, ProtocolWeek.class, MatAdvice.class, ComplementaryCare.class,
            TimelineMilestone.class, WarningSign.class, MissingData.class);
    /** Each type's place in that order, looked up once per reason rather than searched at every comparison. */
    private static final Map<Class<?>, Integer> REASON_RANK = IntStream.range(0, REASON_ORDER.size()).boxed()
            .collect(Collectors.toUnmodifiableMap(REASON_ORDER::get, i -> i));
    private static final int VERDICTS = Verdict.values().length;

    /**
     * A session serves one evaluation on one thread at a time (the pool hands it out), so it needs none of Drools'
     * locks between threads that insert and a thread that fires.
     */
    private static final KieSessionConfiguration ONE_THREAD_AT_A_TIME = oneThreadAtATime();

    public Assessment evaluate(RuleSet rules, PatientFacts patient) {
        Settled settled = run(rules, patient);
        List<Derived> concluded = settled.concluded();
        Map<Class<?>, List<Object>> byType = new HashMap<>();
        concluded.forEach(d -> byType.computeIfAbsent(d.fact().getClass(), c -> new ArrayList<>()).add(d.fact()));

        List<Decision> decisions = factsOf(byType, Decision.class);
        List<Verdict> verdicts = decisions.stream().map(Decision::verdict).distinct().toList();
        if (verdicts.size() != 1) {
            throw new IllegalStateException("rule set " + rules.version() + " concluded " + verdicts.size()
                    + " verdicts instead of one");
        }
        // What to do first leads: the summary of an answer is its verdict and its first action.
        String action = decisions.stream().sorted(Comparator.comparing(Decision::timing)).map(Decision::action)
                .distinct().collect(Collectors.joining(" "));
        boolean plan = !factsOf(byType, PlanPermitted.class).isEmpty();
        List<Reason> reasons = reasons(rules, concluded);
        Integer cap = factsOf(byType, SessionCap.class).stream().map(SessionCap::maxMinutes).min(Integer::compare)
                .orElse(null);
        SessionLength lengths = new SessionLength(rules.version(), cap);

        return new Assessment(
                verdicts.get(0),
                action,
                factsOf(byType, ExpectedResponse.class).stream().findFirst().orElse(null),
                plan ? sorted(byType, Position.class, Comparator.comparing(Position::id)).stream().map(lengths::of).toList()
                        : null,
                plan ? sorted(byType, ProtocolWeek.class, Comparator.comparingInt(ProtocolWeek::order)).stream()
                        .map(lengths::of).toList() : null,
                plan ? factsOf(byType, MatAdvice.class) : null,
                plan ? factsOf(byType, ComplementaryCare.class) : null,
                plan ? sorted(byType, TimelineMilestone.class, Comparator.comparingInt(TimelineMilestone::order)) : null,
                plan ? factsOf(byType, WarningSign.class) : null,
                reasons,
                decidedBy(reasons, settled.decidedBy()),
                factsOf(byType, MissingData.class),
                patient.assessmentDate(),
                rules.version());
    }

    /**
     * The rules run on the patient in a pooled session: dispose resets it for the next evaluation. One that failed
     * (a loop, a consequence that threw) is destroyed rather than reused.
     */
    private static Settled run(RuleSet rules, PatientFacts patient) {
        KieSession session = rules.sessions().newKieSession(ONE_THREAD_AT_A_TIME);
        ProvenanceListener provenance = new ProvenanceListener();
        session.addEventListener(provenance);
        boolean settled = false;
        try {
            session.insert(patient);
            if (session.fireAllRules(MAX_FIRINGS) >= MAX_FIRINGS) {
                throw new IllegalStateException("rule set " + rules.version() + " did not settle after "
                        + MAX_FIRINGS + " rule firings: a rule loops");
            }
            settled = true;
            return new Settled(provenance.survivors(), provenance.chainOf(Decision.class));
        } finally {
            session.removeEventListener(provenance);
            if (settled) {
                session.dispose();
            } else {
                session.destroy();
            }
        }
    }

    private static KieSessionConfiguration oneThreadAtATime() {
        KieSessionConfiguration configuration = KieServices.Factory.get().newKieSessionConfiguration();
        configuration.setOption(ThreadSafeOption.NO);
        return configuration;
    }

    /** What stands when the rules settle, and the rules in the conclusion chain of the decision. */
    private record Settled(List<Derived> concluded, Set<String> decidedBy) {
    }

    /** The deciding rules in the order of the reasons, then any that concluded alike what another rule did first. */
    private static List<String> decidedBy(List<Reason> reasons, Set<String> chain) {
        List<String> ordered = new ArrayList<>(reasons.stream().map(Reason::rule).filter(chain::contains).distinct().toList());
        chain.stream().filter(r -> !ordered.contains(r)).sorted().forEach(ordered::add);
        return ordered;
    }

    /** The concluded facts of a type, in the order they were concluded (the facts are records: no subclasses). */
    @SuppressWarnings("unchecked")
    private static <T> List<T> factsOf(Map<Class<?>, List<Object>> byType, Class<T> type) {
        return Collections.unmodifiableList((List<T>) byType.getOrDefault(type, List.of()));
    }

    private static <T> List<T> sorted(Map<Class<?>, List<Object>> byType, Class<T> type, Comparator<T> order) {
        return factsOf(byType, type).stream().sorted(order).toList();
    }

    /**
     * Each concluded fact's reason, once, in the order of REASON_ORDER; within a type, the most severe finding
     * first, then the order of conclusion. Sorted as one number per fact (its type's place, its severity, its
     * place in the conclusions): this runs for every answer.
     */
    private static List<Reason> reasons(RuleSet rules, List<Derived> concluded) {
        long[] order = new long[concluded.size()];
        for (int i = 0; i < order.length; i++) {
            Object fact = concluded.get(i).fact();
            long rank = REASON_RANK.getOrDefault(fact.getClass(), REASON_ORDER.size());
            long lessSevere = fact instanceof Finding f ? VERDICTS - f.verdict().ordinal() : 0;
            order[i] = rank << 48 | lessSevere << 32 | i;
        }
        Arrays.sort(order);
        Set<Reason> reasons = new LinkedHashSet<>(2 * order.length);
        for (long key : order) {
            Derived d = concluded.get((int) key);
            String rule = d.rule().getName();
            reasons.add(new Reason(rule, d.fact() instanceof Explained explained ? explained.reason() : rule,
                    rules.sourceOf(rule)));
        }
        return List.copyOf(reasons);
    }
}
