package db.migration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * The record's values typed: the rules that fired and the override reasons a card offered become rows of their own
 * tables, read by name rather than searched as text; indicator and outcome are stored as their enum names, as the
 * channel and the verdict already are, and every such column accepts only its names. The rows already stored are
 * carried across. In Java because H2 and PostgreSQL split a JSON array and a comma-joined column differently.
 */
public class V7__Typed_records extends BaseJavaMigration {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public void migrate(Context context) throws SQLException, IOException {
        Connection c = context.getConnection();
        try (Statement ddl = c.createStatement()) {
            ddl.execute("CREATE TABLE decision_rule ("
                    + " decision_id VARCHAR(36) NOT NULL REFERENCES decision (id),"
                    + " ordinal INTEGER NOT NULL,"
                    + " rule_name VARCHAR(500) NOT NULL,"
                    + " rule_source VARCHAR(1000),"
                    + " PRIMARY KEY (decision_id, ordinal))");
            ddl.execute("CREATE INDEX decision_rule_name ON decision_rule (rule_name)");
            ddl.execute("CREATE TABLE card_override_reason ("
                    + " card_uuid VARCHAR(36) NOT NULL REFERENCES card (uuid),"
                    + " ordinal INTEGER NOT NULL,"
                    + " reason_code VARCHAR(64) NOT NULL,"
                    + " PRIMARY KEY (card_uuid, ordinal))");
        }
        carryRulesFired(c);
        carryOverrideReasons(c);
        try (Statement ddl = c.createStatement()) {
            ddl.execute("ALTER TABLE decision DROP COLUMN rules_fired");
            ddl.execute("ALTER TABLE card DROP COLUMN override_reasons");
            ddl.executeUpdate("UPDATE card SET indicator = UPPER(indicator)");
            ddl.executeUpdate("UPDATE feedback SET outcome = UPPER(outcome)");
            ddl.execute("ALTER TABLE decision ADD CONSTRAINT decision_channel CHECK (channel IN ('API', 'PAGE', "
                    + "'CDS_HOOKS'))");
            ddl.execute("ALTER TABLE decision ADD CONSTRAINT decision_verdict_name CHECK (verdict IN ('SUITABLE', "
                    + "'CAUTION', 'CLEARANCE_REQUIRED', 'URGENT_REFERRAL', 'EMERGENCY'))");
            ddl.execute("ALTER TABLE card ADD CONSTRAINT card_indicator CHECK (indicator IN ('INFO', 'WARNING', "
                    + "'CRITICAL'))");
            ddl.execute("ALTER TABLE feedback ADD CONSTRAINT feedback_outcome CHECK (outcome IN ('ACCEPTED', "
                    + "'OVERRIDDEN'))");
        }
    }

    /** Each decision's rules_fired, a JSON array of {rule, source}, as rows in its order. */
    private static void carryRulesFired(Connection c) throws SQLException, IOException {
        try (Statement select = c.createStatement();
                ResultSet r = select.executeQuery("SELECT id, rules_fired FROM decision");
                PreparedStatement insert = c.prepareStatement("INSERT INTO decision_rule (decision_id, ordinal, "
                        + "rule_name, rule_source) VALUES (?, ?, ?, ?)")) {
            while (r.next()) {
                int ordinal = 0;
                for (JsonNode fired : JSON.readTree(r.getString(2))) {
                    insert.setString(1, r.getString(1));
                    insert.setInt(2, ordinal++);
                    insert.setString(3, fired.path("rule").asText());
                    insert.setString(4, fired.path("source").isNull() ? null : fired.path("source").asText(null));
                    insert.addBatch();
                }
                insert.executeBatch();
            }
        }
    }

    /** Each card's override_reasons, codes joined by commas, as rows in its order. */
    private static void carryOverrideReasons(Connection c) throws SQLException {
        try (Statement select = c.createStatement();
                ResultSet r = select.executeQuery("SELECT uuid, override_reasons FROM card");
                PreparedStatement insert = c.prepareStatement("INSERT INTO card_override_reason (card_uuid, ordinal, "
                        + "reason_code) VALUES (?, ?, ?)")) {
            while (r.next()) {
                int ordinal = 0;
                for (String code : r.getString(2).split(",")) {
                    if (!code.isBlank()) {
                        insert.setString(1, r.getString(1));
                        insert.setInt(2, ordinal++);
                        insert.setString(3, code.strip());
                        insert.addBatch();
                    }
                }
                insert.executeBatch();
            }
        }
    }
}
