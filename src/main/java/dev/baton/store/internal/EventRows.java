package dev.baton.store.internal;

import dev.baton.core.Event;
import dev.baton.core.RunId;
import dev.baton.core.TaskId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** The SQL for the append-only {@code events} table and the mapping of its rows. Thread-safe. */
public final class EventRows {
    private static final String APPEND =
            "INSERT INTO events (at, task_id, run_id, type, data)" + " VALUES (?, ?, ?, ?, ?) RETURNING id";

    private final StoreJson json;

    public EventRows(StoreJson json) {
        this.json = json;
    }

    /** Appends the events in order and returns the ids the database gave them, in the same order. */
    public List<Long> append(Connection connection, StatementCache statements, List<Event> events) throws SQLException {
        List<Long> ids = new ArrayList<>(events.size());
        if (events.isEmpty()) {
            return ids;
        }
        PreparedStatement append = statements.prepare(connection, APPEND);
        for (Event event : events) {
            append.setLong(1, event.at().toEpochMilli());
            append.setString(2, event.taskId() == null ? null : event.taskId().value());
            append.setString(3, event.runId() == null ? null : event.runId().value());
            append.setString(4, event.type());
            append.setString(5, json.writeData(event.data()));
            try (ResultSet row = append.executeQuery()) {
                row.next();
                ids.add(row.getLong(1));
            }
        }
        return ids;
    }

    public List<Event> after(Connection connection, StatementCache statements, long afterId, int limit)
            throws SQLException {
        PreparedStatement query =
                statements.prepare(connection, "SELECT * FROM events WHERE id > ? ORDER BY id LIMIT ?");
        query.setLong(1, afterId);
        query.setInt(2, limit);
        return StatementCache.list(query, this::map);
    }

    public List<Event> ofTask(Connection connection, StatementCache statements, TaskId task, long afterId, int limit)
            throws SQLException {
        PreparedStatement query =
                statements.prepare(connection, "SELECT * FROM events WHERE task_id = ? AND id > ? ORDER BY id LIMIT ?");
        query.setString(1, task.value());
        query.setLong(2, afterId);
        query.setInt(3, limit);
        return StatementCache.list(query, this::map);
    }

    private Event map(ResultSet row) throws SQLException {
        String task = row.getString("task_id");
        String run = row.getString("run_id");
        return new Event(
                row.getLong("id"),
                Columns.instant(row, "at"),
                task == null ? null : new TaskId(task),
                run == null ? null : new RunId(run),
                row.getString("type"),
                json.readData(row.getString("data")));
    }
}
