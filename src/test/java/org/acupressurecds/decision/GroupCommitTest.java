package org.acupressurecds.decision;

import org.acupressurecds.http.Requester;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.io.TempDir;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import javax.sql.DataSource;
import org.acupressurecds.knowledge.Assessment;
import org.acupressurecds.knowledge.PatientFacts;
import org.acupressurecds.knowledge.SciaticaType;
import org.acupressurecds.knowledge.Verdict;
import org.acupressurecds.store.MigratedH2;
import org.acupressurecds.store.RecordStore;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Records that arrive while a commit is under way wait for the next one, together: one commit for the burst. */
class GroupCommitTest {

    private final ExecutorService callers = Executors.newFixedThreadPool(12);

    @TempDir
    Path spoolDir;
    private DecisionRecorder recorder;

    @AfterEach
    void stop() throws Exception {
        callers.shutdownNow();
        if (recorder != null) {
            recorder.stop(null);
        }
    }

    static DecisionRecord aDecision() {
        return aDecision(Verdict.SUITABLE);
    }

    static DecisionRecord aDecision(Verdict verdict) {
        LocalDate today = LocalDate.of(2026, 11, 24);
        PatientFacts facts = PatientFacts.builder(SciaticaType.PIRIFORMIS_SYNDROME, today)
                .screenedRedFlags(Set.of()).painScore(3, today).build();
        Assessment answer = new Assessment(verdict, "Start the plan.", null, null, null, null, null, null, null,
                List.of(), List.of(), List.of(), today, "0123456789abcdef");
        return DecisionRecord.of(Channel.API, Requester.ANONYMOUS, facts, answer, "0".repeat(64), Instant.now(), null);
    }

    @Test
    void aBurstThatArrivesDuringACommitIsCommittedAsOneBatch() throws Exception {
        JdbcDataSource h2 = MigratedH2.create();
        CountDownLatch writerWaiting = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        recorder = new DecisionRecorder(new RecordStore(new Delegating(h2) {
            private boolean first = true;

            @Override
            public synchronized Connection getConnection() throws SQLException {
                if (first) {
                    first = false;
                    writerWaiting.countDown();
                    await(release);
                }
                return h2.getConnection();
            }
        }, "test"), new Spool(spoolDir, 1_000_000));
        recorder.start(null);

        Future<?> firstRecord = callers.submit(() -> recorder.record(aDecision()));
        assertTrue(writerWaiting.await(10, TimeUnit.SECONDS));
        List<Future<?>> burst = java.util.stream.IntStream.range(0, 10)
                .<Future<?>>mapToObj(i -> callers.submit(() -> recorder.record(aDecision()))).toList();
        while (recorder.waiting() < 10) { // the burst queues behind the commit under way
            Thread.onSpinWait();
        }
        release.countDown();
        firstRecord.get(10, TimeUnit.SECONDS);
        for (Future<?> f : burst) {
            f.get(10, TimeUnit.SECONDS);
        }

        assertEquals(2, recorder.commits(), "the first record, then the burst of ten in one commit");
        try (Connection c = h2.getConnection(); ResultSet r = c.createStatement().executeQuery("SELECT COUNT(*) FROM decision")) {
            r.next();
            assertEquals(11, r.getInt(1));
        }
    }

    @Test
    void whileTheStoreIsDownRecordsAreSpooledThenReplayedInOrderExactlyOnce() throws Exception {
        JdbcDataSource h2 = MigratedH2.create();
        AtomicBoolean down = new AtomicBoolean(true);
        recorder = new DecisionRecorder(new RecordStore(new Delegating(h2) {
            @Override
            public Connection getConnection() throws SQLException {
                if (down.get()) {
                    throw new SQLException("the store is down");
                }
                return h2.getConnection();
            }
        }, "test"), new Spool(spoolDir, 1_000_000));
        recorder.start(null);
        List<DecisionRecord> records = List.of(aDecision(), aDecision(), aDecision());

        records.forEach(recorder::record); // answers go on
        assertEquals(3, recorder.spooled());
        down.set(false);
        recorder.record(aDecision()); // queues behind the spooled ones, in order
        recorder.replay();
        recorder.replay();

        assertEquals(0, recorder.spooled());
        try (Connection c = h2.getConnection();
                ResultSet r = c.createStatement().executeQuery("SELECT id FROM decision ORDER BY decided_at, id")) {
            List<String> ids = new ArrayList<>();
            while (r.next()) {
                ids.add(r.getString(1));
            }
            assertEquals(4, ids.size(), "each record once");
            assertTrue(ids.containsAll(records.stream().map(DecisionRecord::id).toList()));
        }
    }

    @Test
    void aRecordThatTheStoreRefusesWithTheSpoolFullIsNotKeptAndTheCallerIsTold() {
        recorder = new DecisionRecorder(new RecordStore(new Delegating(new JdbcDataSource()) {
            @Override
            public Connection getConnection() throws SQLException {
                throw new SQLException("the store is down");
            }
        }, "test"), new Spool(spoolDir, 10));
        recorder.start(null);

        assertThrows(DecisionRecorder.NotKept.class, () -> recorder.record(aDecision()));
        assertTrue(recorder.spoolFull());
        assertEquals(0, recorder.spooled());
    }

    /** A store that hangs: the commit timeout, not the store, decides when the answer may go. */
    @Test
    void aRecordWhoseCommitHangsIsSpooledOnceTheCommitTimeoutPasses() throws Exception {
        CountDownLatch storeBack = new CountDownLatch(1);
        recorder = hangingStore(storeBack, new Spool(spoolDir, 1_000_000));
        try {
            recorder.recordLater(aDecision()).get(10, TimeUnit.SECONDS);
            assertEquals(1, recorder.spooled(), "the record waits in the spool for the store");
        } finally {
            storeBack.countDown();
        }
    }

    /** With the store hung and no room in the spool: an emergency still goes out, a suitable answer does not. */
    @Test
    void withTheStoreHungAndTheSpoolFullOnlyAnUrgentAnswerIsGiven() throws Exception {
        CountDownLatch storeBack = new CountDownLatch(1);
        recorder = hangingStore(storeBack, new Spool(spoolDir, 10));
        try {
            recorder.keepLater(aDecision(Verdict.EMERGENCY)).get(10, TimeUnit.SECONDS);
            ExecutionException refused = assertThrows(ExecutionException.class,
                    () -> recorder.keepLater(aDecision(Verdict.SUITABLE)).get(10, TimeUnit.SECONDS));
            assertTrue(refused.getCause() instanceof DecisionRecorder.NotKept, refused.getCause().toString());
            assertThrows(DecisionRecorder.NotKept.class, () -> recorder.keep(aDecision(Verdict.SUITABLE)));
        } finally {
            storeBack.countDown();
        }
    }

    private DecisionRecorder hangingStore(CountDownLatch storeBack, Spool spool) {
        DecisionRecorder hung = new DecisionRecorder(new RecordStore(new Delegating(new JdbcDataSource()) {
            @Override
            public Connection getConnection() throws SQLException {
                await(storeBack);
                throw new SQLException("the store is down");
            }
        }, "test"), spool, Duration.ofMillis(200), new SimpleMeterRegistry());
        hung.start(null);
        return hung;
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A data source that hands out another's connections; tests override getConnection. */
    private static class Delegating implements DataSource {
        private final DataSource target;

        Delegating(DataSource target) {
            this.target = target;
        }

        @Override
        public Connection getConnection() throws SQLException {
            return target.getConnection();
        }

        @Override
        public Connection getConnection(String user, String password) throws SQLException {
            return target.getConnection(user, password);
        }

        @Override
        public PrintWriter getLogWriter() throws SQLException {
            return target.getLogWriter();
        }

        @Override
        public void setLogWriter(PrintWriter out) throws SQLException {
            target.setLogWriter(out);
        }

        @Override
        public void setLoginTimeout(int seconds) throws SQLException {
            target.setLoginTimeout(seconds);
        }

        @Override
        public int getLoginTimeout() throws SQLException {
            return target.getLoginTimeout();
        }

        @Override
        public Logger getParentLogger() {
            return Logger.getGlobal();
        }

        @Override
        public <T> T unwrap(Class<T> type) throws SQLException {
            return target.unwrap(type);
        }

        @Override
        public boolean isWrapperFor(Class<?> type) throws SQLException {
            return target.isWrapperFor(type);
        }
    }
}
