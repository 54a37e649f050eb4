package org.acupressurecds.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.acupressurecds.BesideTheService;
import org.acupressurecds.knowledge.PatientFacts;
import org.acupressurecds.knowledge.SciaticaType;
import org.acupressurecds.knowledge.Verdict;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.KieSessionsPool;

/**
 * Requests evaluate one per core at a time, and only requests take a core's turn: an evaluation of the rule authors'
 * tools (a replay, a warm-up) never holds a request back.
 */
@BesideTheService
class EvaluationsPerCoreTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 24);
    private static final int CORES = Runtime.getRuntime().availableProcessors();
    private static final PatientFacts PIRIFORMIS = PatientFacts.builder(SciaticaType.PIRIFORMIS_SYNDROME, TODAY)
            .screenedRedFlags(Set.of()).painScore(3, TODAY).spinalSurgery(false, null).build();
    private static RuleSet guide;

    @BeforeAll
    static void loadTheGuidesRules() throws RuleSetException {
        guide = new RuleSetLoader().load(Path.of("rules"));
    }

    @Test
    void manyRequestsAtOnceEvaluateNoMoreAtATimeThanThereAreCores() throws Exception {
        AtomicInteger now = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        RuleSet rules = watched(guide, () -> {
            most.accumulateAndGet(now.incrementAndGet(), Math::max);
            sleep(10); // long enough for every request to be waiting, short of the longest wait for a core
            now.decrementAndGet();
        });
        RuleService service = new RuleService();
        service.serve(rules);

        ExecutorService requests = Executors.newFixedThreadPool(4 * CORES);
        try {
            List<Future<Verdict>> answers = new ArrayList<>();
            for (int i = 0; i < 4 * CORES; i++) {
                answers.add(requests.submit(() -> service.assess(PIRIFORMIS).verdict()));
            }
            for (Future<Verdict> answer : answers) {
                assertEquals(Verdict.SUITABLE, answer.get(30, TimeUnit.SECONDS));
            }
        } finally {
            requests.shutdownNow();
        }
        assertEquals(CORES, most.get(), "at most one request evaluating per core, and every core used");
    }

    @Test
    void evaluationsBesideTheRequestsTakeNoCoreFromThem() throws Exception {
        RuleService service = new RuleService();
        service.serve(guide);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService beside = Executors.newFixedThreadPool(CORES);
        ExecutorService requests = Executors.newFixedThreadPool(CORES);
        try {
            holdEveryCore(beside, release, held -> () -> new Evaluator().evaluate(held, PIRIFORMIS));
            List<Future<Verdict>> answers = new ArrayList<>();
            for (int i = 0; i < CORES; i++) {
                answers.add(requests.submit(() -> service.assess(PIRIFORMIS).verdict()));
            }
            for (Future<Verdict> answer : answers) {
                assertEquals(Verdict.SUITABLE, answer.get(30, TimeUnit.SECONDS), "answered while the replays run");
            }
        } finally {
            release.countDown();
            beside.shutdownNow();
            requests.shutdownNow();
        }
    }

    /** Evaluations that hold every core (a patient the rules take ages over) slow the other requests, never stop them. */
    @Test
    void evaluationsHoldingEveryCoreHoldNoOtherRequestBackForLong() throws Exception {
        RuleService service = new RuleService();
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService requests = Executors.newFixedThreadPool(CORES + 1);
        try {
            List<Future<?>> held = holdEveryCore(requests, release, slow -> () -> service.assess(slow, PIRIFORMIS));
            Future<Verdict> next = requests.submit(() -> service.assess(guide, PIRIFORMIS).verdict());
            assertEquals(Verdict.SUITABLE, next.get(30, TimeUnit.SECONDS), "answered while every core is held");
            assertTrue(held.stream().noneMatch(Future::isDone), "the slow ones still hold theirs");
        } finally {
            release.countDown();
            requests.shutdownNow();
        }
    }

    /**
     * As many evaluations as cores, each started on the pool by the given way in, on the guide's rules held inside
     * fireAllRules until release; returns once all of them are inside.
     */
    private static List<Future<?>> holdEveryCore(ExecutorService pool, CountDownLatch release,
            Function<RuleSet, Callable<?>> wayIn) throws InterruptedException {
        CountDownLatch inside = new CountDownLatch(CORES);
        RuleSet held = watched(guide, () -> {
            inside.countDown();
            await(release);
        });
        List<Future<?>> started = new ArrayList<>();
        for (int i = 0; i < CORES; i++) {
            started.add(pool.submit(wayIn.apply(held)));
        }
        assertTrue(inside.await(30, TimeUnit.SECONDS), "as many evaluations held as there are cores");
        return started;
    }

    /** The same rules, each session's fireAllRules passing through the watcher first. */
    private static RuleSet watched(RuleSet r, Runnable watcher) {
        KieSessionsPool pool = r.sessions();
        KieSessionsPool watching = proxy(KieSessionsPool.class, (method, args) -> {
            Object result = method.invoke(pool, args);
            if (!(result instanceof KieSession session)) {
                return result;
            }
            return proxy(KieSession.class, (m, a) -> {
                if (m.getName().equals("fireAllRules")) {
                    watcher.run();
                }
                return m.invoke(session, a);
            });
        });
        return new RuleSet(r.version(), r.files(), r.loadedAt(), r.kieBase(), r.codes(), r.rules(), r.policies(),
                r.terms(), r.sources(), watching);
    }

    private interface Call {
        Object on(java.lang.reflect.Method method, Object[] args) throws Exception;
    }

    @SuppressWarnings("unchecked")
    private static <T> T proxy(Class<T> type, Call call) {
        return (T) Proxy.newProxyInstance(EvaluationsPerCoreTest.class.getClassLoader(), new Class<?>[] {type},
                (p, method, args) -> {
                    try {
                        return call.on(method, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
