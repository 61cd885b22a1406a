package dev.baton.store.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/** How a store runs work in one write transaction; the database decides how to begin it. */
public interface WriteTransactions {

    /** Work on the transaction's connection. */
    @FunctionalInterface
    interface Work<T> {
        T run() throws SQLException;
    }

    <T> T inWriteTransaction(Connection connection, Work<T> work) throws SQLException;

    /**
     * Begins with the given statement on a connection left in auto-commit mode, then commits or
     * rolls back with plain statements.
     *
     * <p>For SQLite, {@code BEGIN IMMEDIATE} takes the write lock before the first read, so two
     * writers queue on the busy timeout instead of failing to upgrade a read lock. It is issued as
     * a statement rather than through JDBC's {@code setAutoCommit(false)} because sqlite-jdbc's
     * {@code commit()} at once begins the next transaction: that takes the write lock a second time
     * and, under contention, can fail after the data was committed.
     */
    static WriteTransactions beginningWith(String beginStatement) {
        return new WriteTransactions() {
            @Override
            public <T> T inWriteTransaction(Connection connection, Work<T> work) throws SQLException {
                execute(connection, beginStatement);
                T result;
                try {
                    result = work.run();
                } catch (SQLException | RuntimeException | Error e) {
                    rollback(connection, e);
                    throw e;
                }
                try {
                    execute(connection, "COMMIT");
                } catch (SQLException | RuntimeException e) {
                    rollback(connection, e);
                    throw e;
                }
                return result;
            }

            private static void execute(Connection connection, String sql) throws SQLException {
                try (Statement statement = connection.createStatement()) {
                    statement.execute(sql);
                }
            }

            private static void rollback(Connection connection, Throwable failure) {
                try {
                    execute(connection, "ROLLBACK");
                } catch (SQLException | RuntimeException e) {
                    // SQLite may already have rolled back (after I/O errors); keep the first failure.
                    failure.addSuppressed(e);
                }
            }
        };
    }

    /** The same transactions, each one that commits counted in {@code commits}. */
    static WriteTransactions counted(WriteTransactions transactions, java.util.concurrent.atomic.LongAdder commits) {
        return new WriteTransactions() {
            @Override
            public <T> T inWriteTransaction(Connection connection, Work<T> work) throws SQLException {
                T result = transactions.inWriteTransaction(connection, work);
                commits.increment();
                return result;
            }
        };
    }

    /** JDBC's own transactions, for drivers whose commit does not start the next transaction. */
    static WriteTransactions jdbc() {
        return new WriteTransactions() {
            @Override
            public <T> T inWriteTransaction(Connection connection, Work<T> work) throws SQLException {
                connection.setAutoCommit(false);
                try {
                    T result = work.run();
                    connection.commit();
                    return result;
                } catch (SQLException | RuntimeException | Error e) {
                    try {
                        connection.rollback();
                    } catch (SQLException | RuntimeException suppressed) {
                        e.addSuppressed(suppressed);
                    }
                    throw e;
                } finally {
                    connection.setAutoCommit(true);
                }
            }
        };
    }
}
