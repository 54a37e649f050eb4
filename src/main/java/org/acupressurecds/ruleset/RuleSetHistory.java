package org.acupressurecds.ruleset;

import static org.acupressurecds.store.RecordReads.condition;
import static org.acupressurecds.store.RecordReads.prepare;
import static org.acupressurecds.store.RecordReads.recordRead;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.acupressurecds.http.FieldError;
import org.acupressurecds.ruleset.RuleSetJournal;
import org.acupressurecds.store.QueryParameters;
import org.acupressurecds.store.RecordReads;
import org.acupressurecds.store.RecordStore;

/**
 * The rule set's history as recorded by RuleSetEvents: every load, reload and validate, who made it, what it changed
 * and what was wrong with it. For rule authors and auditors; every read is recorded, as for decisions.
 */
@ApplicationScoped
public class RuleSetHistory {

    static final List<String> OUTCOMES = List.of("SERVED", "UNCHANGED", "REJECTED", "VALID", "INVALID");
    static final List<String> PARAMETERS = List.of("from", "to", "kind", "outcome", "actor", "page", "size");

    /** A search of the history; every criterion optional. */
    public record Query(Instant from, Instant to, RuleSetJournal.Kind kind, String outcome, String actor, int page,
            int size) {

        static Query parse(Map<String, List<String>> parameters, List<FieldError> errors) {
            QueryParameters q = new QueryParameters(parameters, PARAMETERS, errors);
            String outcome = q.one("outcome");
            if (outcome != null && !OUTCOMES.contains(outcome)) {
                errors.add(new FieldError("outcome", "must be one of the allowed values", OUTCOMES));
            }
            return new Query(q.instant("from", null), q.instant("to", null),
                    q.vocabulary("kind", RuleSetJournal.Kind.class), outcome, q.one("actor"),
                    q.number("page", 0, 0, Integer.MAX_VALUE), q.number("size", 50, 1, QueryParameters.MAX_PAGE_SIZE));
        }
    }

    /** An event as a search lists it. */
    public record Summary(long id, Instant happenedAt, String kind, String actor, String versionBefore,
            String versionAfter, String outcome, List<String> changedFiles) {
    }

    public record Page(List<Summary> events, int page, int size, long total) {
    }

    /** An event whole: its problems as file:line: message, and the unified diff of what it changed. */
    public record Whole(Summary event, List<String> problems, String diff) {
    }

    private static final String SUMMARY = "SELECT id, happened_at, kind, actor, version_before, version_after, outcome, "
            + "changed_files FROM ruleset_event";

    private final RecordStore store;

    RuleSetHistory(RecordStore store) {
        this.store = store;
    }

    public Page search(Query q, String reader, String query) {
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        List<Object> values = new ArrayList<>();
        condition(where, values, " AND happened_at >= ?", q.from() == null ? null : Timestamp.from(q.from()));
        condition(where, values, " AND happened_at < ?", q.to() == null ? null : Timestamp.from(q.to()));
        condition(where, values, " AND kind = ?", q.kind() == null ? null : q.kind().name());
        condition(where, values, " AND outcome = ?", q.outcome());
        condition(where, values, " AND actor = ?", q.actor());
        try (Connection c = store.dataSource().getConnection()) {
            recordRead(c, reader, query);
            RecordReads.Paged<Summary> found = RecordReads.page(c, "SELECT COUNT(*) FROM ruleset_event" + where,
                    SUMMARY + where + " ORDER BY happened_at DESC, id DESC", values, q.page(), q.size(),
                    RuleSetHistory::summary);
            return new Page(found.rows(), q.page(), q.size(), found.total());
        } catch (SQLException e) {
            throw new RecordStore.Unavailable("the rule-set history cannot be read", e);
        }
    }

    public Optional<Whole> find(long id, String reader, String query) {
        try (Connection c = store.dataSource().getConnection()) {
            recordRead(c, reader, query);
            try (PreparedStatement select = prepare(c, SUMMARY.replace("SELECT ", "SELECT problems, diff, ")
                    + " WHERE id = ?", List.of(id)); ResultSet r = select.executeQuery()) {
                if (!r.next()) {
                    return Optional.empty();
                }
                String problems = r.getString("problems");
                return Optional.of(new Whole(summary(r),
                        problems.isEmpty() ? List.of() : problems.lines().toList(), r.getString("diff")));
            }
        } catch (SQLException e) {
            throw new RecordStore.Unavailable("the rule-set history cannot be read", e);
        }
    }

    private static Summary summary(ResultSet r) throws SQLException {
        String changed = r.getString("changed_files");
        return new Summary(r.getLong("id"), r.getTimestamp("happened_at").toInstant(), r.getString("kind"),
                r.getString("actor"), r.getString("version_before"), r.getString("version_after"),
                r.getString("outcome"), changed.isEmpty() ? List.of() : Arrays.asList(changed.split(",")));
    }
}
