package org.acupressurecds.store;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * The embedded store's commits, in its file when they return: no answer leaves before its record is written.
 *
 * <p>H2 writes committed changes every {@code WRITE_DELAY} ms on a thread of its own, which also frees the file's old
 * chunks; {@code WRITE_DELAY=0} wrote each commit at once but stopped that thread, and the file grew without bound
 * (docs/performance.md). So the store keeps its writer thread, and every commit made through this data source is
 * followed by a {@code CHECKPOINT}, which writes it (as {@code WRITE_DELAY=0} did: to the file, not forced to the
 * disk's platters). A connection closed in auto-commit mode, whose statements committed themselves, is written at
 * its close. Every writer of the record takes its connections here, so none can forget.
 */
final class DurableCommits {

    private DurableCommits() {
    }

    static DataSource of(DataSource h2) {
        return proxy(DataSource.class, (proxy, method, args) -> {
            Object result = call(h2, method, args);
            return result instanceof Connection c ? durable(c) : result;
        });
    }

    private static Connection durable(Connection c) {
        return proxy(Connection.class, (proxy, method, args) -> switch (method.getName()) {
            case "commit" -> {
                c.commit();
                checkpoint(c);
                yield null;
            }
            case "close" -> {
                try {
                    if (!c.isClosed() && c.getAutoCommit()) {
                        checkpoint(c);
                    }
                } finally {
                    c.close();
                }
                yield null;
            }
            default -> call(c, method, args);
        });
    }

    private static void checkpoint(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("CHECKPOINT");
        }
    }

    private static Object call(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> T proxy(Class<T> type, java.lang.reflect.InvocationHandler handler) {
        return (T) Proxy.newProxyInstance(DurableCommits.class.getClassLoader(), new Class<?>[] {type}, handler);
    }
}
