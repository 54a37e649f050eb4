package org.acupressurecds.decision;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The rules a decision fired, kept once per distinct list. A rule of a rule-set version is a row of
 * {@code ruleset_rule} (its name and guide section, once); the ordered list of rules one decision fired, each marked
 * as deciding its verdict or shaping the plan, is a row of {@code fired_list} with its {@code fired_list_rule} rows;
 * a decision names its list. Patients who take the same path through the rules share a list, so a decision's own row
 * holds one number where it held every rule's name and section.
 *
 * <p>A list is found by a SHA-256 of its version and rules. Registering is not part of a batch's transaction: the
 * caller commits it first, so that two replicas registering the same list at once fail only the registration, which
 * the caller tries once more and then finds the other's rows. Ids are remembered only once committed.
 */
public final class FiredLists {

    /** Distinct lists and rules remembered; beyond it they are forgotten and looked up again. */
    private static final int REMEMBERED = 10_000;

    private final Map<String, Long> lists = new ConcurrentHashMap<>();
    private final Map<String, Long> rules = new ConcurrentHashMap<>();

    /** A registration of lists, on one connection and not committed by it; {@link Registration#keep} once it is. */
    public Registration registration(Connection c) {
        return new Registration(c);
    }

    public final class Registration {
        private final Connection c;
        private final Map<String, Long> newLists = new HashMap<>();
        private final Map<String, Long> newRules = new HashMap<>();
        private boolean added;

        private Registration(Connection c) {
            this.c = c;
        }

        /** The id of the list of rules a decision on this rule-set version fired, added if it is new. */
        public long list(String version, List<DecisionRecord.FiredRule> fired) throws SQLException {
            String digest = digest(version, fired);
            Long known = newLists.getOrDefault(digest, lists.get(digest));
            if (known == null) {
                known = select("SELECT id FROM fired_list WHERE digest = ?", digest);
            }
            if (known == null) {
                known = insert("INSERT INTO fired_list (ruleset_version, digest) VALUES (?, ?)", version, digest);
                try (PreparedStatement row = c.prepareStatement("INSERT INTO fired_list_rule (fired_list_id, "
                        + "ordinal, rule_id, decided) VALUES (?, ?, ?, ?)")) {
                    for (int i = 0; i < fired.size(); i++) {
                        row.setLong(1, known);
                        row.setInt(2, i);
                        row.setLong(3, rule(version, fired.get(i)));
                        row.setObject(4, fired.get(i).decided(), Types.BOOLEAN);
                        row.addBatch();
                    }
                    row.executeBatch();
                }
            }
            newLists.put(digest, known);
            return known;
        }

        /** Whether this registration added a list or a rule, and so has something to commit. */
        public boolean added() {
            return added;
        }

        /** Remembers what this registration found or added: call once it is committed. */
        public void keep() {
            if (lists.size() + newLists.size() > REMEMBERED || rules.size() + newRules.size() > REMEMBERED) {
                lists.clear();
                rules.clear();
            }
            lists.putAll(newLists);
            rules.putAll(newRules);
        }

        private long rule(String version, DecisionRecord.FiredRule fired) throws SQLException {
            String key = version + '\n' + fired.rule();
            Long known = newRules.getOrDefault(key, rules.get(key));
            if (known == null) {
                known = select("SELECT id FROM ruleset_rule WHERE ruleset_version = ? AND rule_name = ?", version,
                        fired.rule());
            }
            if (known == null) {
                known = insert("INSERT INTO ruleset_rule (ruleset_version, rule_name, rule_source) VALUES (?, ?, ?)",
                        version, fired.rule(), fired.source());
            }
            newRules.put(key, known);
            return known;
        }

        private Long select(String sql, String... values) throws SQLException {
            try (PreparedStatement q = c.prepareStatement(sql)) {
                for (int i = 0; i < values.length; i++) {
                    q.setString(i + 1, values[i]);
                }
                try (ResultSet found = q.executeQuery()) {
                    return found.next() ? found.getLong(1) : null;
                }
            }
        }

        /** Inserts a row whose first column is its generated id, and returns the id. */
        private long insert(String sql, String... values) throws SQLException {
            added = true;
            try (PreparedStatement q = c.prepareStatement(sql, Statement.RETURN_GENERATED_KEYS)) {
                for (int i = 0; i < values.length; i++) {
                    q.setString(i + 1, values[i]);
                }
                q.executeUpdate();
                try (ResultSet id = q.getGeneratedKeys()) {
                    if (!id.next()) {
                        throw new SQLException("the store gave no id for " + sql);
                    }
                    return id.getLong(1);
                }
            }
        }
    }

    /** The list's identity: its version, and each rule's name and part, in order (lengths keep them apart). */
    static String digest(String version, List<DecisionRecord.FiredRule> fired) {
        StringBuilder text = new StringBuilder().append(version.length()).append(':').append(version);
        for (DecisionRecord.FiredRule f : fired) {
            text.append(f.rule().length()).append(':').append(f.rule())
                    .append(f.decided() == null ? '?' : f.decided() ? 'D' : 'P');
        }
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }
}
