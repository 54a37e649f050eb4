package org.acupressurecds.ruleset;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.acupressurecds.ruleset.RuleSetJournal;
import org.acupressurecds.engine.RuleProblem;
import org.acupressurecds.store.RecordStore;
import org.jboss.logging.Logger;

/**
 * The rule-set journal in the decision record. A journal that cannot be written never stops a reload: the rules are
 * the service's safety, and the log says what was not kept.
 */
@ApplicationScoped
public class RuleSetEvents implements RuleSetJournal {

    private static final Logger LOG = Logger.getLogger(RuleSetEvents.class);
    static final int MAX_DIFF = 1_000_000;

    private final RecordStore store;

    RuleSetEvents(RecordStore store) {
        this.store = store;
    }

    @Override
    public void record(Entry e) {
        Set<String> names = new TreeSet<>(e.before().keySet());
        names.addAll(e.after().keySet());
        List<String> changed = new ArrayList<>();
        StringBuilder diff = new StringBuilder();
        for (String name : names) {
            String d = UnifiedDiff.of(name, e.before().get(name), e.after().get(name));
            if (!d.isEmpty()) {
                changed.add(name);
                diff.append(d);
            }
        }
        try (Connection c = store.dataSource().getConnection();
                PreparedStatement insert = c.prepareStatement("INSERT INTO ruleset_event (happened_at, kind, actor, "
                        + "version_before, version_after, outcome, problems, changed_files, diff) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            insert.setTimestamp(1, Timestamp.from(e.at()));
            insert.setString(2, e.kind().name());
            insert.setString(3, e.actor());
            insert.setString(4, e.versionBefore());
            insert.setString(5, e.versionAfter());
            insert.setString(6, e.outcome());
            insert.setString(7, e.problems().stream().map(RuleProblem::toString).collect(Collectors.joining("\n")));
            insert.setString(8, String.join(",", changed));
            insert.setString(9, diff.length() > MAX_DIFF ? diff.substring(0, MAX_DIFF) : diff.toString());
            insert.executeUpdate();
        } catch (SQLException | RuntimeException ex) {
            LOG.errorf("The rule-set event (%s %s by %s) could not be recorded: %s", e.kind(), e.outcome(), e.actor(),
                    ex.getClass().getName());
        }
    }
}
