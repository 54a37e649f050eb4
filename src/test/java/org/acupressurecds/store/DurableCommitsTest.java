package org.acupressurecds.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded store's file holds every commit made through the record's store when the commit returns, as a process
 * killed at that moment would leave it: H2 on its own writes only every WRITE_DELAY ms (here a minute, so what the
 * file holds, the commit wrote).
 */
class DurableCommitsTest {

    @TempDir
    Path folder;

    private JdbcDataSource h2;
    private RecordStore store;
    private Connection holder;

    @BeforeEach
    void openAStoreThatWouldWriteOnlyAfterAMinute() throws SQLException {
        h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:file:" + folder.resolve("records") + ";WRITE_DELAY=60000");
        h2.setUser("cds");
        holder = h2.getConnection(); // the store stays open, as in the running service: closing it would write all
        store = RecordStore.embedded(h2, "test");
        try (Connection c = store.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE decision (id INT PRIMARY KEY)");
        }
    }

    @AfterEach
    void closeTheStore() throws SQLException {
        holder.close();
    }

    @Test
    void aTransactionCommittedThroughTheStoreIsInTheFileWhenTheCommitReturns() throws Exception {
        try (Connection c = store.dataSource().getConnection()) {
            c.setAutoCommit(false);
            insert(c, 1);
            insert(c, 2);
            c.commit();
            assertEquals(2, decisionsInTheFile(), "both, before the connection is even closed");
        }
    }

    @Test
    void aStatementThatCommittedItselfIsInTheFileWhenItsConnectionCloses() throws Exception {
        try (Connection c = store.dataSource().getConnection()) {
            insert(c, 1);
        }
        assertEquals(1, decisionsInTheFile());
    }

    /** Why the store wraps H2: a commit made straight on it would be lost by a crash within WRITE_DELAY. */
    @Test
    void withoutTheStoreACommitIsNotYetInTheFile() throws Exception {
        try (Connection c = h2.getConnection()) {
            c.setAutoCommit(false);
            insert(c, 1);
            c.commit();
        }
        assertEquals(0, decisionsInTheFile());
    }

    private static void insert(Connection c, int id) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.executeUpdate("INSERT INTO decision VALUES (" + id + ")");
        }
    }

    /** What a process killed now would leave: a copy of the file as it is, opened as the restarted service would. */
    private int decisionsInTheFile() throws Exception {
        Path copy = Files.createTempDirectory(folder, "after-a-crash").resolve("records");
        Files.copy(folder.resolve("records.mv.db"), Path.of(copy + ".mv.db"));
        JdbcDataSource restarted = new JdbcDataSource();
        restarted.setURL("jdbc:h2:file:" + copy);
        restarted.setUser("cds");
        try (Connection c = restarted.getConnection(); Statement s = c.createStatement();
                ResultSet count = s.executeQuery("SELECT COUNT(*) FROM decision")) {
            count.next();
            return count.getInt(1);
        }
    }
}
