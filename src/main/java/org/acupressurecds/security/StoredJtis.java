package org.acupressurecds.security;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.acupressurecds.store.RecordStore;

/**
 * The jti replay cache in the store: the primary key (issuer, jti) makes the first insert win on every replica.
 * Concurrent calls are grouped, as decision records are: one writer inserts whatever is waiting in one transaction,
 * so a busy EHR costs one commit per batch rather than one per call. A batch the store refuses (a jti already on
 * record, from another replica or before a restart) is tried again one jti at a time, and only the replay is refused.
 * Expired entries are removed now and then; a token is short-lived, so the table stays small.
 */
@ApplicationScoped
public class StoredJtis implements SharedJtis {

    private static final int PURGE_EVERY = 1000;
    private static final int MAX_BATCH = 256;
    /** Kept past expiry for the verifier's clock skew, so a late replay is still recognised. */
    private static final Duration KEEP_AFTER_EXPIRY = Duration.ofMinutes(5);
    /** A store slower than this is treated as unreachable: the verifier then decides on this instance's memory. */
    private static final Duration WAIT = Duration.ofSeconds(5);

    private record Claim(String issuer, String jti, Instant expiresAt, CompletableFuture<Boolean> first) {
    }

    private final RecordStore store;
    private final AtomicLong inserts = new AtomicLong();
    private final BlockingQueue<Claim> queue = new LinkedBlockingQueue<>();
    private final AtomicBoolean writing = new AtomicBoolean();
    private final Executor writer = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "jti-recorder");
        t.setDaemon(true);
        return t;
    });

    StoredJtis(RecordStore store) {
        this.store = store;
    }

    /** Answered by the writer's commit, or failed after {@link #WAIT} if the store has not answered by then. */
    @Override
    public CompletableFuture<Boolean> firstUse(String issuer, String jti, Instant expiresAt) {
        Claim claim = new Claim(issuer, jti, expiresAt, new CompletableFuture<>());
        queue.add(claim);
        if (writing.compareAndSet(false, true)) {
            writer.execute(this::writeAll);
        }
        return claim.first().orTimeout(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Writes batches while claims wait; the last claim added after the check below starts a new round. */
    private void writeAll() {
        do {
            List<Claim> batch = new ArrayList<>();
            while (queue.drainTo(batch, MAX_BATCH) > 0) {
                write(batch);
                batch.clear();
            }
            writing.set(false);
        } while (!queue.isEmpty() && writing.compareAndSet(false, true));
    }

    private void write(List<Claim> batch) {
        // The same jti twice in one batch: the first is inserted, the second is a replay.
        List<Claim> distinct = new ArrayList<>();
        Set<List<String>> seen = new HashSet<>();
        for (Claim claim : batch) {
            if (seen.add(List.of(claim.issuer(), claim.jti()))) {
                distinct.add(claim);
            } else {
                claim.first().complete(false);
            }
        }
        try (Connection c = store.dataSource().getConnection()) {
            try {
                insert(c, distinct);
                distinct.forEach(claim -> claim.first().complete(true));
            } catch (SQLException e) {
                if (!isIntegrity(e)) {
                    throw e;
                }
                for (Claim claim : distinct) { // which of them is on record already
                    try {
                        insert(c, List.of(claim));
                        claim.first().complete(true);
                    } catch (SQLException one) {
                        if (!isIntegrity(one)) {
                            throw one;
                        }
                        claim.first().complete(false);
                    }
                }
            }
        } catch (SQLException | RuntimeException e) {
            batch.forEach(claim -> claim.first().completeExceptionally(e));
        }
    }

    private void insert(Connection c, List<Claim> claims) throws SQLException {
        c.setAutoCommit(false);
        try {
            long before = inserts.getAndAdd(claims.size()); // one writer: no other thread counts meanwhile
            if (before / PURGE_EVERY != (before + claims.size()) / PURGE_EVERY) {
                try (PreparedStatement purge = c.prepareStatement("DELETE FROM seen_jti WHERE expires_at < ?")) {
                    purge.setTimestamp(1, Timestamp.from(Instant.now().minus(KEEP_AFTER_EXPIRY)));
                    purge.executeUpdate();
                }
            }
            try (PreparedStatement insert = c.prepareStatement(
                    "INSERT INTO seen_jti (issuer, jti, expires_at) VALUES (?, ?, ?)")) {
                for (Claim claim : claims) {
                    insert.setString(1, claim.issuer());
                    insert.setString(2, claim.jti());
                    insert.setTimestamp(3, Timestamp.from(claim.expiresAt()));
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            c.commit();
        } catch (SQLException | RuntimeException e) {
            try {
                c.rollback();
            } catch (SQLException ignored) {
                // the connection is broken: nothing was committed, and the pool discards it
            }
            throw e;
        }
    }

    /** Integrity (SQL state class 23): the jti is on record. A batch's own exception may carry it one level down. */
    private static boolean isIntegrity(SQLException e) {
        for (SQLException s = e; s != null; s = s.getNextException()) {
            if (s.getSQLState() != null && s.getSQLState().startsWith("23")) {
                return true;
            }
        }
        return e.getCause() instanceof SQLException cause && cause != e && isIntegrity(cause);
    }
}
