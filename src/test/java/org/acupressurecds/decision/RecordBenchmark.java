package org.acupressurecds.decision;

import org.acupressurecds.http.Requester;
import io.agroal.api.AgroalDataSource;
import io.agroal.api.configuration.supplier.AgroalDataSourceConfigurationSupplier;
import io.agroal.api.security.NamePrincipal;
import io.agroal.api.security.SimplePassword;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.acupressurecds.ruleset.ImpactAnalysis;
import org.acupressurecds.ruleset.RulesFolder;
import org.acupressurecds.engine.Evaluator;
import org.acupressurecds.engine.RuleSet;
import org.acupressurecds.engine.RuleSetLoader;
import org.acupressurecds.knowledge.Laterality;
import org.acupressurecds.knowledge.PatientFacts;
import org.acupressurecds.knowledge.RedFlag;
import org.acupressurecds.knowledge.SciaticaType;
import org.acupressurecds.ruleset.RecordedImpact;
import org.acupressurecds.store.PostgresServer;
import org.acupressurecds.store.RecordStore;
import org.flywaydb.core.Flyway;

/**
 * What the decision record costs, outside the tests ({@code ./mvnw -Pbench-records verify}, docs/performance.md):
 * decisions per second with every decision recorded, by group commit and by one commit per record, against deciding
 * alone; and the impact of a draft replayed over 100,000 recorded decisions. On the embedded store, and on a real
 * PostgreSQL on this machine where its server binaries are installed.
 */
public final class RecordBenchmark {

    private static final int THREADS = 32;
    private static final Duration RUN = Duration.ofSeconds(10);
    private static final int HISTORY = 100_000;
    private static final RuleSet RULES = load(Map.of());
    private static final Evaluator EVALUATOR = new Evaluator();

    private RecordBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        System.out.printf("%d cores, Java %s, %d threads deciding for %d s per line%n",
                Runtime.getRuntime().availableProcessors(), Runtime.version(), THREADS, RUN.toSeconds());
        line("warm-up: decide only (the JIT compiles; not a figure)", facts -> EVALUATOR.evaluate(RULES, facts));
        line("decide only (no record)", facts -> EVALUATOR.evaluate(RULES, facts));
        Path folder = Files.createTempDirectory("cds-bench-");
        try (AgroalDataSource h2 = pool("jdbc:h2:file:" + folder.resolve("records"), "cds", "")) {
            measure(h2, RecordStore.embedded(h2, "embedded H2"), folder.resolve("spool-h2"));
        }
        if (PostgresServer.available()) {
            PostgresServer postgresql = new PostgresServer();
            Map<String, String> settings = postgresql.start();
            try (AgroalDataSource pg = pool(settings.get("quarkus.datasource.jdbc.url"),
                    settings.get("quarkus.datasource.username"), settings.get("quarkus.datasource.password"))) {
                measure(pg, new RecordStore(pg, "PostgreSQL (same machine)"), folder.resolve("spool-pg"));
            } finally {
                postgresql.stop();
            }
        } else {
            System.out.println("PostgreSQL is not installed (apt-get install -y postgresql): its lines are left out");
        }
    }

    /** The records as the service keeps them, in a store whose pool is migrated first. */
    private static void measure(AgroalDataSource migrating, RecordStore records, Path spool) throws Exception {
        Flyway.configure().dataSource(migrating).locations("classpath:db/migration").load().migrate();
        String store = records.kind();
        DataSource dataSource = records.dataSource();
        DecisionRecorder recorder = new DecisionRecorder(records, new Spool(spool, 1L << 30));
        recorder.start(null);
        long commitsBefore = recorder.commits();
        long decided = line(store + ": decide + record, group commit", facts -> recorder.record(decision(facts, Instant.now())));
        System.out.printf("    %.1f records per commit%n", decided / (double) (recorder.commits() - commitsBefore));
        line(store + ": decide + record, one commit each", facts -> {
            try (Connection c = dataSource.getConnection()) {
                c.setAutoCommit(false);
                List<DecisionRecord> one = List.of(decision(facts, Instant.now()));
                DecisionRecorder.insert(c, one, recorder.registerLists(c, one));
                c.commit();
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }
        });
        try (Connection c = dataSource.getConnection()) {
            c.createStatement().execute("DELETE FROM card");
            c.createStatement().execute("DELETE FROM decision");
        }
        Instant now = Instant.now();
        long seeding = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        List<Future<?>> seeded = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            int thread = t;
            seeded.add(pool.submit(() -> {
                Random random = new Random(thread);
                for (int i = thread; i < HISTORY; i += THREADS) {
                    Instant decidedAt = now.minusSeconds(random.nextInt(29 * 86_400));
                    recorder.record(decision(patient(random, LocalDate.ofInstant(decidedAt, ZoneOffset.UTC)), decidedAt));
                }
                return null;
            }));
        }
        for (Future<?> f : seeded) {
            f.get();
        }
        pool.shutdown();
        System.out.printf("  %s: %,d decisions recorded in %.1f s%n", store, HISTORY, (System.nanoTime() - seeding) / 1e9);
        recorder.stop(null);
        RecordedImpact impact = new RecordedImpact(records, Clock.system(ZoneOffset.UTC));
        RuleSet draft = load(Map.of(RulesFolder.DRAFT_FILE, RulesFolder.DRAFT));
        for (int run = 1; run <= 2; run++) {
            ImpactAnalysis.Impact found = impact.of(draft, Period.ofDays(30));
            System.out.printf("  %s: impact of \"pain 7 is an emergency\" over P30D, run %d: %,d decisions replayed in %.1f s"
                    + " (%,.0f/s); %d verdict transition(s)%n", store, run, found.decisions(), found.millis() / 1e3,
                    found.decisions() / (found.millis() / 1e3), found.transitions().size());
        }
    }

    /** Decides as many patients as the threads can in the run's time, each through the step; prints and returns it. */
    private static long line(String what, Consumer<PatientFacts> step) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        long end = System.nanoTime() + RUN.toNanos();
        List<Future<long[]>> threads = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            int thread = t;
            threads.add(pool.submit(() -> {
                Random random = new Random(thread);
                long[] micros = new long[1 << 20];
                int n = 0;
                while (System.nanoTime() < end && n < micros.length) {
                    PatientFacts facts = patient(random, LocalDate.now(ZoneOffset.UTC));
                    long started = System.nanoTime();
                    step.accept(facts);
                    micros[n++] = (System.nanoTime() - started) / 1_000;
                }
                return Arrays.copyOf(micros, n);
            }));
        }
        List<Long> all = new ArrayList<>();
        for (Future<long[]> f : threads) {
            for (long m : f.get()) {
                all.add(m);
            }
        }
        pool.shutdown();
        all.sort(null);
        System.out.printf("  %-58s %,8.0f decisions/s   p50 %,6d µs   p99 %,7d µs%n", what, all.size() / (double) RUN.toSeconds(),
                all.get(all.size() / 2), all.get((int) (all.size() * 0.99)));
        return all.size();
    }

    private static DecisionRecord decision(PatientFacts facts, Instant decidedAt) {
        return DecisionRecord.of(Channel.API, Requester.ANONYMOUS, facts, EVALUATOR.evaluate(RULES, facts),
                "0".repeat(64), decidedAt, null);
    }

    /** A plausible mix: every type, pain 0-10, a red flag in one in twenty, surgery in one in ten, some unknowns. */
    private static PatientFacts patient(Random random, LocalDate day) {
        SciaticaType[] types = SciaticaType.values();
        RedFlag[] flags = RedFlag.values();
        PatientFacts.Builder facts = PatientFacts.builder(types[random.nextInt(types.length)], day)
                .painScore(random.nextInt(11), day.minusDays(random.nextInt(10)))
                .laterality(Laterality.values()[random.nextInt(Laterality.values().length)])
                .sedentaryWork(random.nextBoolean());
        facts = random.nextInt(20) == 0 ? facts.screenedRedFlags(EnumSet.of(flags[random.nextInt(flags.length)]))
                : random.nextInt(10) == 0 ? facts.notScreened() : facts.screenedRedFlags(Set.of());
        if (random.nextInt(10) == 0) {
            facts = facts.spinalSurgery(true, day.minusDays(random.nextInt(400)));
        } else if (random.nextBoolean()) {
            facts = facts.spinalSurgery(false, null);
        }
        return facts.build();
    }

    private static AgroalDataSource pool(String url, String user, String password) throws java.sql.SQLException {
        return AgroalDataSource.from(new AgroalDataSourceConfigurationSupplier().connectionPoolConfiguration(pool -> pool
                .maxSize(THREADS + 4).acquisitionTimeout(Duration.ofSeconds(30))
                .connectionFactoryConfiguration(factory -> factory.jdbcUrl(url).principal(new NamePrincipal(user))
                        .credential(new SimplePassword(password)))));
    }

    private static RuleSet load(Map<String, String> overlay) {
        try {
            return new RuleSetLoader().load(Path.of("rules"), overlay);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
