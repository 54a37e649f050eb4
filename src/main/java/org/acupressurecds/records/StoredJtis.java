package org.acupressurecds.records;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import org.acupressurecds.security.SharedJtis;

/**
 * The jti replay cache in the store: the primary key (issuer, jti) makes the first insert win on every replica.
 * Expired entries are removed now and then; a token is short-lived, so the table stays small.
 */
@ApplicationScoped
public class StoredJtis implements SharedJtis {

    private static final int PURGE_EVERY = 1000;
    /** Kept past expiry for the verifier's clock skew, so a late replay is still recognised. */
    private static final Duration KEEP_AFTER_EXPIRY = Duration.ofMinutes(5);

    private final RecordStore store;
    private final AtomicLong inserts = new AtomicLong();

    StoredJtis(RecordStore store) {
        this.store = store;
    }

    @Override
    public boolean firstUse(String issuer, String jti, Instant expiresAt) {
        try (Connection c = store.dataSource().getConnection()) {
            if (inserts.incrementAndGet() % PURGE_EVERY == 0) {
                try (PreparedStatement purge = c.prepareStatement("DELETE FROM seen_jti WHERE expires_at < ?")) {
                    purge.setTimestamp(1, Timestamp.from(Instant.now().minus(KEEP_AFTER_EXPIRY)));
                    purge.executeUpdate();
                }
            }
            try (PreparedStatement insert = c.prepareStatement(
                    "INSERT INTO seen_jti (issuer, jti, expires_at) VALUES (?, ?, ?)")) {
                insert.setString(1, issuer);
                insert.setString(2, jti);
                insert.setTimestamp(3, Timestamp.from(expiresAt));
                insert.executeUpdate();
                return true;
            }
        } catch (SQLException e) {
            if (e.getSQLState() != null && e.getSQLState().startsWith("23")) { // integrity: the jti is on record
                return false;
            }
            throw new IllegalStateException("the jti cache cannot be reached", e);
        }
    }
}
