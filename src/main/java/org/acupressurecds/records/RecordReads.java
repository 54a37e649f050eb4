package org.acupressurecds.records;

import jakarta.ws.rs.core.UriInfo;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

/** What every read of the record shares: the read is recorded first, and searches are built from optional conditions. */
final class RecordReads {

    private RecordReads() {
    }

    /** The request as the read record keeps it: method, path and query string. */
    static String described(UriInfo uri) {
        return "GET " + uri.getRequestUri().getRawPath()
                + (uri.getRequestUri().getRawQuery() == null ? "" : "?" + uri.getRequestUri().getRawQuery());
    }

    static void recordRead(Connection c, String reader, String query) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement(
                "INSERT INTO record_read (read_at, reader, query) VALUES (?, ?, ?)")) {
            insert.setTimestamp(1, Timestamp.from(Instant.now()));
            insert.setString(2, reader);
            insert.setString(3, query.length() > 4000 ? query.substring(0, 4000) : query);
            insert.executeUpdate();
        }
    }

    /** Appends the condition when its value is given. */
    static void condition(StringBuilder where, List<Object> values, String sql, Object value) {
        if (value != null) {
            where.append(sql);
            values.add(value);
        }
    }

    static PreparedStatement prepare(Connection c, String sql, List<Object> values) throws SQLException {
        PreparedStatement statement = c.prepareStatement(sql);
        for (int i = 0; i < values.size(); i++) {
            statement.setObject(i + 1, values.get(i));
        }
        return statement;
    }
}
