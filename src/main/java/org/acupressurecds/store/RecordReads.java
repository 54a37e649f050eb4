package org.acupressurecds.store;

import jakarta.ws.rs.core.UriInfo;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** What every read of the record shares: the read is recorded first, and searches are built from optional conditions. */
public final class RecordReads {

    private RecordReads() {
    }

    /** The request as the read record keeps it: method, path and query string. */
    public static String described(UriInfo uri) {
        return "GET " + uri.getRequestUri().getRawPath()
                + (uri.getRequestUri().getRawQuery() == null ? "" : "?" + uri.getRequestUri().getRawQuery());
    }

    public static void recordRead(Connection c, String reader, String query) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement(
                "INSERT INTO record_read (read_at, reader, query) VALUES (?, ?, ?)")) {
            insert.setTimestamp(1, Timestamp.from(Instant.now()));
            insert.setString(2, reader);
            insert.setString(3, query.length() > 4000 ? query.substring(0, 4000) : query);
            insert.executeUpdate();
        }
    }

    /** Appends the condition when its value is given. */
    public static void condition(StringBuilder where, List<Object> values, String sql, Object value) {
        if (value != null) {
            where.append(sql);
            values.add(value);
        }
    }

    /** Reads one row into a value. */
    @FunctionalInterface
    public interface Row<T> {
        T read(ResultSet r) throws SQLException;
    }

    /** One page of a search: the rows on it, in order, and how many match in all. */
    public record Paged<T>(List<T> rows, long total) {
    }

    /** count: SELECT COUNT(*) with the conditions; select: the rows with them, ordered; LIMIT and OFFSET follow. */
    public static <T> Paged<T> page(Connection c, String count, String select, List<Object> values, int page, int size,
            Row<T> row) throws SQLException {
        long total;
        try (PreparedStatement counting = prepare(c, count, values); ResultSet r = counting.executeQuery()) {
            r.next();
            total = r.getLong(1);
        }
        List<Object> paged = new ArrayList<>(values);
        paged.add(size);
        paged.add((long) page * size);
        List<T> rows = new ArrayList<>();
        try (PreparedStatement selecting = prepare(c, select + " LIMIT ? OFFSET ?", paged);
                ResultSet r = selecting.executeQuery()) {
            while (r.next()) {
                rows.add(row.read(r));
            }
        }
        return new Paged<>(rows, total);
    }

    public static PreparedStatement prepare(Connection c, String sql, List<Object> values) throws SQLException {
        PreparedStatement statement = c.prepareStatement(sql);
        for (int i = 0; i < values.size(); i++) {
            statement.setObject(i + 1, values.get(i));
        }
        return statement;
    }
}
