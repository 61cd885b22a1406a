package dev.baton.store.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;

/**
 * Reads nullable columns, converts instants to and from epoch milliseconds, and writes status
 * names into SQL.
 */
final class Columns {
    private Columns() {}

    /**
     * Wire names as SQL string literals, comma-separated ({@code 'starting', 'running'}): for
     * conditions SQLite must read in the statement itself to pick a partial index (V5). The names
     * are the statuses' own (lower-case letters and underscores), never user input.
     */
    static String literals(String... wireNames) {
        return java.util.Arrays.stream(wireNames)
                .map(name -> "'" + name + "'")
                .collect(java.util.stream.Collectors.joining(", "));
    }

    /** Instants are stored as epoch milliseconds; anything finer is dropped. */
    static Long millis(Instant instant) {
        return instant == null ? null : instant.toEpochMilli();
    }

    /** The instant as it reads back after {@link #millis}. */
    static Instant truncated(Instant instant) {
        return instant == null ? null : Instant.ofEpochMilli(instant.toEpochMilli());
    }

    static Instant instant(ResultSet row, String column) throws SQLException {
        long value = row.getLong(column);
        return row.wasNull() ? null : Instant.ofEpochMilli(value);
    }

    static Long nullableLong(ResultSet row, String column) throws SQLException {
        long value = row.getLong(column);
        return row.wasNull() ? null : value;
    }

    static Integer nullableInt(ResultSet row, String column) throws SQLException {
        int value = row.getInt(column);
        return row.wasNull() ? null : value;
    }
}
