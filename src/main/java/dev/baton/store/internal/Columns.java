package dev.baton.store.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;

/** Reads nullable columns and converts instants to and from epoch milliseconds. */
final class Columns {
    private Columns() {}

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
