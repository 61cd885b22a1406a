package dev.baton.store.internal;

import java.sql.SQLException;
import java.sql.Statement;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/** How a store runs work in one write transaction; the database decides how to begin it. */
public interface WriteTransactions {

    <T> T inWriteTransaction(Handle handle, HandleCallback<T, RuntimeException> work);

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
            public <T> T inWriteTransaction(Handle handle, HandleCallback<T, RuntimeException> work) {
                execute(handle, beginStatement);
                T result;
                try {
                    result = work.withHandle(handle);
                } catch (RuntimeException | Error e) {
                    rollback(handle, e);
                    throw e;
                }
                try {
                    execute(handle, "COMMIT");
                } catch (RuntimeException e) {
                    rollback(handle, e);
                    throw e;
                }
                return result;
            }

            /** A plain JDBC statement: cheaper than Jdbi's, and these run twice per write. */
            private static void execute(Handle handle, String sql) {
                try (Statement statement = handle.getConnection().createStatement()) {
                    statement.execute(sql);
                } catch (SQLException e) {
                    throw new UnableToExecuteStatementException(e, null);
                }
            }

            private static void rollback(Handle handle, Throwable failure) {
                try {
                    execute(handle, "ROLLBACK");
                } catch (RuntimeException e) {
                    // SQLite may already have rolled back (after I/O errors); keep the first failure.
                    failure.addSuppressed(e);
                }
            }
        };
    }

    /** JDBC's own transactions, for drivers whose commit does not start the next transaction. */
    static WriteTransactions jdbc() {
        return new WriteTransactions() {
            @Override
            public <T> T inWriteTransaction(Handle handle, HandleCallback<T, RuntimeException> work) {
                return handle.inTransaction(work);
            }
        };
    }
}
