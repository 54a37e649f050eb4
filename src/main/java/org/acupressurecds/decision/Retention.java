package org.acupressurecds.decision;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.Period;
import java.time.ZonedDateTime;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.acupressurecds.config.CdsConfig;
import org.acupressurecds.store.RecordStore;
import org.jboss.logging.Logger;

/**
 * Records are kept for cds.records.retention (default six years, ISO 8601, e.g. P6Y) and purged once a day, at
 * startup and every 24 hours after; each purge is itself recorded with what it removed. The lists of fired rules
 * ({@link FiredLists}) stay: they hold rule names of a rule-set version, nothing of a patient, and are shared.
 */
@ApplicationScoped
public class Retention {

    private static final Logger LOG = Logger.getLogger(Retention.class);

    /** What one purge removed, by kind of record. */
    public record Purged(Instant cutoff, long decisions, long cards, long feedback, long reads, long rulesetEvents) {
    }

    private final RecordStore store;
    private final Period keep;
    private final Clock clock;
    private ScheduledExecutorService daily;

    @Inject
    Retention(RecordStore store, CdsConfig config, Clock clock) {
        this(store, config.records().retention(), clock);
    }

    Retention(RecordStore store, Period keep, Clock clock) {
        this.store = store;
        this.keep = keep;
        this.clock = clock;
    }

    void start(@Observes StartupEvent event) {
        daily = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "record-retention");
            t.setDaemon(true);
            return t;
        });
        daily.scheduleAtFixedRate(this::purgeQuietly, 0, 1, TimeUnit.DAYS);
    }

    void stop(@Observes ShutdownEvent event) {
        if (daily != null) {
            daily.shutdownNow();
        }
    }

    private void purgeQuietly() {
        try {
            Purged p = purge();
            LOG.infof("Record retention (%s): removed %d decision(s), %d card(s), %d feedback, %d read record(s) and %d "
                    + "rule-set event(s) from before %s", keep, p.decisions(), p.cards(), p.feedback(), p.reads(),
                    p.rulesetEvents(), p.cutoff());
        } catch (RuntimeException e) {
            LOG.errorf("Record retention could not purge: %s; it tries again in a day", e.getClass().getName());
        }
    }

    /** Removes what is older than the retention period, in one transaction, and records the purge. */
    public Purged purge() {
        Instant now = Instant.now(clock);
        Instant cutoff = ZonedDateTime.ofInstant(now, clock.getZone()).minus(keep).toInstant();
        Timestamp before = Timestamp.from(cutoff);
        try (Connection c = store.dataSource().getConnection()) {
            c.setAutoCommit(false);
            try {
                String oldDecisions = "SELECT id FROM decision WHERE decided_at < ?";
                String oldCards = "SELECT uuid FROM card WHERE decision_id IN (" + oldDecisions + ")";
                long feedback = delete(c, "DELETE FROM feedback WHERE card_uuid IN (" + oldCards + ")", before);
                delete(c, "DELETE FROM card_override_reason WHERE card_uuid IN (" + oldCards + ")", before);
                delete(c, "DELETE FROM card_suggestion WHERE card_uuid IN (" + oldCards + ")", before);
                long cards = delete(c, "DELETE FROM card WHERE decision_id IN (" + oldDecisions + ")", before);
                long decisions = delete(c, "DELETE FROM decision WHERE decided_at < ?", before);
                long reads = delete(c, "DELETE FROM record_read WHERE read_at < ?", before);
                long events = delete(c, "DELETE FROM ruleset_event WHERE happened_at < ?", before);
                try (PreparedStatement record = c.prepareStatement("INSERT INTO record_purge (purged_at, cutoff, "
                        + "decisions, cards, feedback, reads, ruleset_events) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                    record.setTimestamp(1, Timestamp.from(now));
                    record.setTimestamp(2, before);
                    record.setLong(3, decisions);
                    record.setLong(4, cards);
                    record.setLong(5, feedback);
                    record.setLong(6, reads);
                    record.setLong(7, events);
                    record.executeUpdate();
                }
                c.commit();
                return new Purged(cutoff, decisions, cards, feedback, reads, events);
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("the records cannot be purged", e);
        }
    }

    private static long delete(Connection c, String sql, Timestamp before) throws SQLException {
        try (PreparedStatement delete = c.prepareStatement(sql)) {
            delete.setTimestamp(1, before);
            return delete.executeUpdate();
        }
    }
}
