package org.acupressurecds.decision;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.time.Duration;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.acupressurecds.config.CdsConfig;
import org.acupressurecds.knowledge.Verdict;
import org.acupressurecds.store.RecordStore;
import org.jboss.logging.Logger;

/**
 * Writes decision records, each committed before its answer is sent. Concurrent requests are grouped: one writer
 * thread takes whatever is waiting, up to a batch, and commits it in one transaction, so a burst costs one round trip
 * per batch rather than one per request. While the store is down, records go to the durable spool instead, and a
 * replayer moves them into the store, in order and exactly once (by id), when it is back.
 */
@ApplicationScoped
public class DecisionRecorder {

    /** The record could not be committed: the answer must not go out as if it had been. */
    public static class NotKept extends RuntimeException {
        NotKept(String message, Throwable cause) {
            super(message, cause);
        }
    }

    static final int MAX_BATCH = 256;
    private static final Logger LOG = Logger.getLogger(DecisionRecorder.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private record Pending(DecisionRecord record, CompletableFuture<Void> committed) {
    }

    private final RecordStore store;
    private final Spool spool;
    private final FiredLists firedLists = new FiredLists();
    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private volatile Thread writer;
    private ScheduledExecutorService replayer;
    /** Where a record whose commit failed goes to the spool: file I/O, kept off the writer and the timer threads. */
    private final ExecutorService spooling = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "decision-record-spool");
        t.setDaemon(true);
        return t;
    });
    private volatile boolean replayFailing;
    private final java.util.concurrent.atomic.AtomicLong commits = new java.util.concurrent.atomic.AtomicLong();
    /** How long a record waits for its commit before it goes to the spool instead. */
    private final Duration commitTimeout;
    private final MeterRegistry meters;
    private final Timer commitTime;
    private final DistributionSummary batchSize;
    private final Counter toStore;
    private final Counter toSpool;
    private final Counter notKept;

    @Inject
    DecisionRecorder(RecordStore store, CdsConfig config, MeterRegistry meters) {
        this(store, new Spool(config.records().spoolDir(), config.records().spoolMaxSize().asLongValue()),
                config.records().commitTimeout(), meters);
    }

    DecisionRecorder(RecordStore store, Spool spool) {
        this(store, spool, Duration.ofSeconds(2), new SimpleMeterRegistry());
    }

    DecisionRecorder(RecordStore store, Spool spool, Duration commitTimeout, MeterRegistry meters) {
        this.store = store;
        this.spool = spool;
        this.commitTimeout = commitTimeout;
        this.meters = meters;
        commitTime = Timer.builder("cds.records.commit").description("One batch of decision records committed")
                .publishPercentileHistogram().register(meters);
        batchSize = DistributionSummary.builder("cds.records.batch.size")
                .description("Decision records committed together in one transaction").register(meters);
        String kept = "cds.records.kept";
        toStore = Counter.builder(kept).tag("where", "store").description("Decision records kept, by where")
                .register(meters);
        toSpool = Counter.builder(kept).tag("where", "spool").description("Decision records kept, by where")
                .register(meters);
        notKept = Counter.builder("cds.records.not.kept")
                .description("Decisions whose record could be kept neither in the store nor in the spool").register(meters);
        Gauge.builder("cds.records.spooled", this, DecisionRecorder::spooled)
                .description("Decision records waiting in the spool for the store").register(meters);
        Gauge.builder("cds.records.degraded", this, r -> r.spooled() > 0 || r.spoolFull() ? 1 : 0)
                .description("1 while records wait in the spool (the store is down or catching up), else 0")
                .register(meters);
        Gauge.builder("cds.records.spool.full", this, r -> r.spoolFull() ? 1 : 0)
                .description("1 while the spool is full: no record can be kept, and the API answers 503")
                .register(meters);
    }

    void start(@Observes StartupEvent event) {
        writer = new Thread(this::writeLoop, "decision-recorder");
        writer.setDaemon(true);
        writer.start();
        replayer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "decision-record-replay");
            t.setDaemon(true);
            return t;
        });
        replayer.scheduleWithFixedDelay(this::replay, 0, 2, TimeUnit.SECONDS);
    }

    /** Waits for the records in flight, then stops the writer; what is spooled stays on disk for the next start. */
    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        if (replayer != null) {
            replayer.shutdownNow();
        }
        Thread w = writer;
        if (w != null) {
            queue.add(new Pending(null, new CompletableFuture<>())); // the poison pill, after everything queued
            w.join(commitTimeout.toMillis());
        }
        spooling.shutdown();
    }

    /** Records waiting in the spool for the store; 0 when the store has them all. */
    public long spooled() {
        return spool.records();
    }

    /** The spool is full: a record that the store cannot take now cannot be kept at all. */
    public boolean spoolFull() {
        return spool.full();
    }

    /** Moves the spooled records into the store, oldest first; a record already there (by id) is not written twice. */
    void replay() {
        if (spool.isEmpty()) {
            return;
        }
        try {
            for (Path file : spool.take()) {
                List<DecisionRecord> records = Spool.read(file);
                for (int from = 0; from < records.size(); from += MAX_BATCH) {
                    insertMissing(records.subList(from, Math.min(records.size(), from + MAX_BATCH)));
                }
                spool.replayed(file, records.size());
                LOG.infof("%d spooled decision record(s) are now in the store.", records.size());
            }
            replayFailing = false;
        } catch (Throwable e) {
            if (!replayFailing) {
                LOG.warnf("Spooled decision records wait for the store (%s); %d spooled.", e.getClass().getName(),
                        spool.records());
            }
            replayFailing = true;
        }
    }

    private void insertMissing(List<DecisionRecord> records) throws SQLException {
        try (Connection c = store.dataSource().getConnection()) {
            c.setAutoCommit(false);
            try {
                java.util.Set<String> present = new java.util.HashSet<>();
                try (PreparedStatement q = c.prepareStatement("SELECT id FROM decision WHERE id = ?")) {
                    for (DecisionRecord r : records) {
                        q.setString(1, r.id());
                        try (java.sql.ResultSet found = q.executeQuery()) {
                            if (found.next()) {
                                present.add(r.id());
                            }
                        }
                    }
                }
                List<DecisionRecord> missing = records.stream().filter(r -> !present.contains(r.id())).toList();
                insert(c, missing, registerLists(c, missing));
                c.commit();
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(c);
                throw e;
            }
        }
    }

    /** Records waiting for the writer. */
    int waiting() {
        return queue.size();
    }

    /** Transactions committed so far: with records grouped, fewer than the records. */
    long commits() {
        return commits.get();
    }

    /**
     * Returns once the record is committed to the store or, while the store is down, forced to the spool; throws
     * NotKept when it could be neither. While anything is spooled, new records queue behind it, so the store gets
     * them in order.
     */
    public void record(DecisionRecord record) {
        settled(recordLater(record));
    }

    /**
     * {@link #record}, without a thread waiting for the commit: completes once the record is kept, in the store or the
     * spool, and fails with NotKept when it could be neither. A commit that fails or takes longer than the commit
     * timeout sends the record to the spool, on a thread of its own (never the writer's, never the timer's).
     */
    public CompletableFuture<Void> recordLater(DecisionRecord record) {
        meters.counter("cds.decisions", "verdict", record.verdict().name(), "channel", record.channel().name())
                .increment();
        CompletableFuture<Void> kept = new CompletableFuture<>();
        if (!spool.isEmpty()) {
            toSpool(record, null, kept);
            return kept;
        }
        Pending pending = new Pending(record, new CompletableFuture<>());
        queue.add(pending);
        pending.committed().orTimeout(commitTimeout.toMillis(), TimeUnit.MILLISECONDS).whenComplete((done, failure) -> {
            if (failure == null) {
                toStore.increment();
                kept.complete(null);
            } else {
                try {
                    spooling.execute(() -> toSpool(record, storeFailure(failure), kept));
                } catch (RejectedExecutionException stopping) {
                    toSpool(record, storeFailure(failure), kept);
                }
            }
        });
        return kept;
    }

    /** Settles kept whatever happens: a caller may be waiting on it. */
    private void toSpool(DecisionRecord record, NotKept storeFailure, CompletableFuture<Void> kept) {
        String refused = "the store cannot take the decision record and the spool is full";
        try {
            if (spool.append(record)) {
                toSpool.increment();
                kept.complete(null);
                return;
            }
        } catch (RuntimeException e) {
            refused = "the store cannot take the decision record and the spool cannot either: " + e.getClass().getName();
        }
        notKept.increment();
        kept.completeExceptionally(new NotKept(refused, storeFailure));
    }

    private NotKept storeFailure(Throwable failure) {
        Throwable cause = failure instanceof CompletionException ? failure.getCause() : failure;
        return cause instanceof TimeoutException
                ? new NotKept("the decision record was not committed within " + commitTimeout.toMillis() + " ms", cause)
                : new NotKept("the decision record could not be committed", cause);
    }

    /**
     * The record-failure policy, the same in every channel (the API, the page, CDS Hooks): the record is kept, in the
     * store or the spool; where it cannot be, an EMERGENCY or URGENT_REFERRAL answer still goes out, safety first,
     * logged as not kept (and counted, as every record not kept is); any other answer is a NotKept, a 503.
     */
    public void keep(DecisionRecord record) {
        settled(keepLater(record));
    }

    /** {@link #keep}, without a thread waiting for the commit: fails with NotKept where the answer must not go out. */
    public CompletableFuture<Void> keepLater(DecisionRecord record) {
        return recordLater(record).exceptionally(failure -> {
            NotKept e = (NotKept) (failure instanceof CompletionException ? failure.getCause() : failure);
            if (!record.verdict().isMoreSevereThan(Verdict.CLEARANCE_REQUIRED)) {
                throw e;
            }
            LOG.errorf("Decision %s (%s, %s) is answered without its decision record: the record could not be kept.",
                    record.id(), record.verdict(), record.channel());
            return null;
        });
    }

    /**
     * Waits for a stage that ends with a record kept, which always settles: the commit is bounded by its timeout, the
     * spool by its disk. Its NotKept is thrown as it is.
     */
    static <T> T settled(CompletableFuture<T> kept) {
        try {
            return kept.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof NotKept notKept ? notKept : e;
        }
    }

    private void writeLoop() {
        while (true) {
            List<Pending> batch = new ArrayList<>();
            try {
                batch.add(queue.take());
            } catch (InterruptedException e) {
                return;
            }
            queue.drainTo(batch, MAX_BATCH - 1);
            boolean last = batch.removeIf(p -> p.record() == null);
            if (!batch.isEmpty()) {
                commit(batch);
            }
            if (last) {
                return;
            }
        }
    }

    /**
     * One transaction for the batch. Whatever goes wrong fails the batch's callers, never the writer: a broken
     * connection makes some drivers throw an Error (pgjdbc's AssertionError on a closed connection, for one).
     */
    private void commit(List<Pending> batch) {
        long started = System.nanoTime();
        try (Connection c = store.dataSource().getConnection()) {
            c.setAutoCommit(false);
            List<DecisionRecord> records = batch.stream().map(Pending::record).toList();
            long[] lists = registerLists(c, records);
            try {
                insert(c, records, lists);
                c.commit();
                commits.incrementAndGet();
                commitTime.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
                batchSize.record(batch.size());
            } catch (Throwable e) {
                rollbackQuietly(c);
                throw e;
            }
            batch.forEach(p -> p.committed().complete(null));
        } catch (Throwable e) {
            // The cause names tables and columns, never the facts: they travel as bound parameters.
            LOG.errorf("%d decision record(s) could not be committed: %s", batch.size(), e.getClass().getName());
            batch.forEach(p -> p.committed().completeExceptionally(e));
            if (e instanceof VirtualMachineError fatal) {
                throw fatal;
            }
        }
    }

    private static void rollbackQuietly(Connection c) {
        try {
            c.rollback();
        } catch (Throwable ignored) {
            // the connection is broken: nothing was committed, and the pool discards it
        }
    }

    /**
     * The list of rules each record fired, registered and committed where new, before the records' own transaction:
     * where another replica registers the same list at the same moment, this registration fails alone, and the second
     * try finds the other's.
     */
    long[] registerLists(Connection c, List<DecisionRecord> records) throws SQLException {
        for (int attempt = 1;; attempt++) {
            try {
                FiredLists.Registration registration = firedLists.registration(c);
                long[] ids = new long[records.size()];
                for (int i = 0; i < ids.length; i++) {
                    ids[i] = registration.list(records.get(i).rulesetVersion(), records.get(i).rulesFired());
                }
                if (registration.added()) {
                    c.commit(); // on the embedded store a commit is also a CHECKPOINT: none where nothing is new
                }
                registration.keep();
                return ids;
            } catch (SQLException e) {
                rollbackQuietly(c);
                if (attempt == 2) {
                    throw e;
                }
            }
        }
    }

    /** lists: the id of each record's list of fired rules ({@link #registerLists}). */
    static void insert(Connection c, List<DecisionRecord> records, long[] lists) throws SQLException {
        try (PreparedStatement d = c.prepareStatement("INSERT INTO decision (id, decided_at, channel, caller_issuer, "
                + "caller_subject, ruleset_version, verdict, assessment_date, facts, missing_data, request_digest, "
                + "fired_list_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
                PreparedStatement card = c.prepareStatement(
                        "INSERT INTO card (uuid, decision_id, indicator) VALUES (?, ?, ?)");
                PreparedStatement reason = c.prepareStatement(
                        "INSERT INTO card_override_reason (card_uuid, ordinal, reason_code) VALUES (?, ?, ?)");
                PreparedStatement suggestion = c.prepareStatement("INSERT INTO card_suggestion (card_uuid, ordinal, "
                        + "suggestion_uuid, label) VALUES (?, ?, ?, ?)")) {
            boolean cards = false;
            for (int n = 0; n < records.size(); n++) {
                DecisionRecord r = records.get(n);
                d.setString(1, r.id());
                d.setTimestamp(2, Timestamp.from(r.decidedAt()));
                d.setString(3, r.channel().name());
                d.setString(4, r.requester().issuer());
                d.setString(5, r.requester().subject());
                d.setString(6, r.rulesetVersion());
                d.setString(7, r.verdict().name());
                d.setDate(8, Date.valueOf(r.assessmentDate()));
                d.setString(9, r.facts().kept());
                d.setString(10, json(r.missingData()));
                d.setString(11, r.requestDigest());
                d.setLong(12, lists[n]);
                d.addBatch();
                if (r.card() != null) {
                    card.setString(1, r.card().uuid());
                    card.setString(2, r.id());
                    card.setString(3, r.card().indicator().name());
                    card.addBatch();
                    for (int i = 0; i < r.card().overrideReasons().size(); i++) {
                        reason.setString(1, r.card().uuid());
                        reason.setInt(2, i);
                        reason.setString(3, r.card().overrideReasons().get(i));
                        reason.addBatch();
                    }
                    for (int i = 0; i < r.card().suggestions().size(); i++) {
                        suggestion.setString(1, r.card().uuid());
                        suggestion.setInt(2, i);
                        suggestion.setString(3, r.card().suggestions().get(i).uuid());
                        suggestion.setString(4, r.card().suggestions().get(i).label());
                        suggestion.addBatch();
                    }
                    cards = true;
                }
            }
            d.executeBatch();
            if (cards) {
                card.executeBatch();
                reason.executeBatch();
                suggestion.executeBatch();
            }
        }
    }

    static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a record as JSON", e);
        }
    }
}
