package dev.baton.store.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Prepared statements kept per database connection, so that the hot writes are parsed once per
 * connection instead of once per call. The connection is the driver's own (unwrapped from the
 * pool's proxy, which closes every statement when the connection goes back to the pool). A
 * connection is used by one thread at a time, and so are its statements. Statements of a
 * connection the pool has closed are dropped. Thread-safe.
 */
final class StatementCache implements AutoCloseable {
    private final Map<Connection, Map<String, PreparedStatement>> byConnection = new ConcurrentHashMap<>();

    /** The statement for {@code sql} on {@code connection}, prepared on first use. */
    PreparedStatement prepare(Connection connection, String sql) throws SQLException {
        Map<String, PreparedStatement> statements = byConnection.get(connection);
        if (statements == null) {
            forgetClosedConnections();
            statements = new HashMap<>();
            byConnection.put(connection, statements);
        }
        PreparedStatement statement = statements.get(sql);
        if (statement == null || statement.isClosed()) {
            statement = connection.prepareStatement(sql);
            statements.put(sql, statement);
        }
        return statement;
    }

    /** Maps one row of a result. */
    @FunctionalInterface
    interface Row<T> {
        T map(ResultSet row) throws SQLException;
    }

    /** Runs a prepared query and maps every row; the result set is closed, which resets the statement. */
    static <T> List<T> list(PreparedStatement query, Row<T> mapper) throws SQLException {
        try (ResultSet rows = query.executeQuery()) {
            List<T> out = new ArrayList<>();
            while (rows.next()) {
                out.add(mapper.map(rows));
            }
            return out;
        }
    }

    /** The first row of a query, mapped; empty when there is none. */
    static <T> java.util.Optional<T> first(PreparedStatement query, Row<T> mapper) throws SQLException {
        try (ResultSet rows = query.executeQuery()) {
            return rows.next() ? java.util.Optional.of(mapper.map(rows)) : java.util.Optional.empty();
        }
    }

    /** {@code ?, ?, ?} for an {@code IN} list of {@code count} values. */
    static String placeholders(int count) {
        return String.join(", ", java.util.Collections.nCopies(count, "?"));
    }

    private void forgetClosedConnections() {
        byConnection.keySet().removeIf(connection -> {
            try {
                return connection.isClosed();
            } catch (SQLException e) {
                return true;
            }
        });
    }

    /** Closes every kept statement; call before the connections are closed. */
    @Override
    public void close() {
        for (Map<String, PreparedStatement> statements : byConnection.values()) {
            for (PreparedStatement statement : statements.values()) {
                try {
                    statement.close();
                } catch (SQLException e) {
                    // the connection is being closed anyway
                }
            }
        }
        byConnection.clear();
    }
}
