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
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.StatementContext;

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

    public List<Event> after(Handle handle, long afterId, int limit) {
        return handle.createQuery("SELECT * FROM events WHERE id > :after ORDER BY id LIMIT :limit")
                .bind("after", afterId)
                .bind("limit", limit)
                .map(this::map)
                .list();
    }

    public List<Event> ofTask(Handle handle, TaskId task, long afterId, int limit) {
        return handle.createQuery("SELECT * FROM events WHERE task_id = :task AND id > :after ORDER BY id LIMIT :limit")
                .bind("task", task.value())
                .bind("after", afterId)
                .bind("limit", limit)
                .map(this::map)
                .list();
    }

    private Event map(ResultSet row, StatementContext context) throws SQLException {
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
