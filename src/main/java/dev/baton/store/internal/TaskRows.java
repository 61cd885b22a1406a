package dev.baton.store.internal;

import dev.baton.core.FailureReason;
import dev.baton.core.Task;
import dev.baton.core.TaskId;
import dev.baton.core.TaskStatus;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * The SQL for the {@code tasks} and {@code task_deps} tables, and the mapping of their rows. Plain
 * SQL that SQLite (3.35+) and PostgreSQL both accept. Thread-safe.
 */
public final class TaskRows {
    /** The columns of {@link #bindColumns} between id and version. */
    private static final String INSERT = "INSERT INTO tasks (id, status, priority, agent, branch, failure_reason,"
            + " failure_detail, attempts, not_before, created_at, updated_at, spec, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING";

    /**
     * The columns that change after creation. The spec (and the priority copied from it) and the
     * creation time are fixed when a task is inserted, so an update leaves them, their index
     * entries and the dependency rows alone; it returns the stored ones.
     */
    private static final String UPDATE = "UPDATE tasks SET status = ?, agent = ?, branch = ?, failure_reason = ?,"
            + " failure_detail = ?, attempts = ?, not_before = ?, updated_at = ?, version = version + 1"
            + " WHERE id = ? AND version = ? RETURNING spec, created_at";

    private static final String INSERT_DEPENDENCY =
            "INSERT INTO task_deps (task_id, depends_on) VALUES (?, ?) ON CONFLICT DO NOTHING";

    /**
     * Queued, due, and no dependency that is not completed (a missing one never completes). The
     * statuses in these queries are literals: SQLite picks a partial index (V5) only for a
     * condition it can read in the statement itself.
     */
    static final String DISPATCHABLE = "SELECT t.* FROM tasks t"
            + " WHERE t.status = " + literals(TaskStatus.QUEUED) + " AND (t.not_before IS NULL OR t.not_before <= ?)"
            + " AND NOT EXISTS (SELECT 1 FROM task_deps d LEFT JOIN tasks dep ON dep.id = d.depends_on"
            + "   WHERE d.task_id = t.id AND (dep.status IS NULL OR dep.status <> " + literals(TaskStatus.COMPLETED)
            + "))"
            + " ORDER BY t.priority, t.created_at, t.id LIMIT ?";

    static final String DUE_RETRIES = "SELECT * FROM tasks"
            + " WHERE status = " + literals(TaskStatus.RETRYING) + " AND (not_before IS NULL OR not_before <= ?)"
            + " ORDER BY not_before, created_at, id";

    /** Waiting (queued or for approval) behind a dependency that failed or was cancelled. */
    static final String BLOCKED = blockedIn(TaskStatus.QUEUED) + " UNION ALL " + blockedIn(TaskStatus.WAITING_APPROVAL);

    /**
     * The order of {@link #BLOCKED}'s few rows, applied here: in SQL it would make SQLite walk the
     * creation index over every task rather than the small queued one.
     */
    private static final Comparator<Task> BY_CREATION =
            Comparator.comparing(Task::createdAt).thenComparing(Task::id);

    private final StoreJson json;

    public TaskRows(StoreJson json) {
        this.json = json;
    }

    /**
     * Inserts the task and its dependency rows; empty when a task with the id exists. The stored
     * record is built here, not read back: the spec as its JSON reads, instants to the millisecond.
     */
    public Optional<Task> insert(Connection connection, StatementCache statements, Task task) throws SQLException {
        PreparedStatement insert = statements.prepare(connection, INSERT);
        String spec = json.writeSpec(task.spec());
        insert.setString(1, task.id().value());
        bindColumns(insert, task, spec);
        insert.setLong(13, task.version());
        if (insert.executeUpdate() == 0) {
            return Optional.empty();
        }
        insertDependencies(connection, statements, task);
        return Optional.of(asStored(task, spec, Columns.truncated(task.createdAt()), task.version()));
    }

    /**
     * Writes the task's changing columns if the stored version is the task's version; empty
     * otherwise (stale, or no such task). The spec and creation time stay as inserted.
     */
    public Optional<Task> update(Connection connection, StatementCache statements, Task task) throws SQLException {
        PreparedStatement update = statements.prepare(connection, UPDATE);
        int i = 1;
        update.setString(i++, task.status().wireName());
        update.setString(i++, task.agent());
        update.setString(i++, task.branch());
        update.setString(
                i++, task.failureReason() == null ? null : task.failureReason().wireName());
        update.setString(i++, task.failureDetail());
        update.setInt(i++, task.attempts());
        update.setObject(i++, Columns.millis(task.notBefore()));
        update.setLong(i++, task.updatedAt().toEpochMilli());
        update.setString(i++, task.id().value());
        update.setLong(i, task.version());
        try (ResultSet row = update.executeQuery()) {
            if (!row.next()) {
                return Optional.empty();
            }
            return Optional.of(
                    asStored(task, row.getString(1), Columns.instant(row, "created_at"), task.version() + 1));
        }
    }

    public boolean exists(Connection connection, StatementCache statements, TaskId id) throws SQLException {
        PreparedStatement select = statements.prepare(connection, "SELECT 1 FROM tasks WHERE id = ?");
        select.setString(1, id.value());
        try (ResultSet row = select.executeQuery()) {
            return row.next();
        }
    }

    public Optional<Task> find(Connection connection, StatementCache statements, TaskId id) throws SQLException {
        PreparedStatement query = statements.prepare(connection, "SELECT * FROM tasks WHERE id = ?");
        query.setString(1, id.value());
        return StatementCache.first(query, row -> map(row, null));
    }

    /** Newest first; an empty status set means every status. */
    public List<Task> list(Handle handle, Set<TaskStatus> statuses, int limit) {
        String where = statuses.isEmpty() ? "" : " WHERE status IN (<statuses>)";
        var query = handle.createQuery(
                        "SELECT * FROM tasks" + where + " ORDER BY created_at DESC, id DESC LIMIT :limit")
                .bind("limit", limit);
        if (!statuses.isEmpty()) {
            query.bindList("statuses", wireNames(statuses));
        }
        return query.map(this::map).list();
    }

    public List<Task> dispatchable(Connection connection, StatementCache statements, Instant now, int limit)
            throws SQLException {
        PreparedStatement query = statements.prepare(connection, DISPATCHABLE);
        query.setLong(1, now.toEpochMilli());
        query.setInt(2, limit);
        return StatementCache.list(query, row -> map(row, null));
    }

    public List<Task> dueRetries(Connection connection, StatementCache statements, Instant now) throws SQLException {
        PreparedStatement query = statements.prepare(connection, DUE_RETRIES);
        query.setLong(1, now.toEpochMilli());
        return StatementCache.list(query, row -> map(row, null));
    }

    public List<Task> blockedByFailedDependencies(Connection connection, StatementCache statements)
            throws SQLException {
        PreparedStatement query = statements.prepare(connection, BLOCKED);
        List<Task> blocked = new ArrayList<>(StatementCache.list(query, row -> map(row, null)));
        blocked.sort(BY_CREATION);
        return blocked;
    }

    private static String blockedIn(TaskStatus waiting) {
        return "SELECT t.* FROM tasks t WHERE t.status = " + literals(waiting)
                + " AND EXISTS (SELECT 1 FROM task_deps d JOIN tasks dep ON dep.id = d.depends_on"
                + " WHERE d.task_id = t.id AND dep.status IN (" + literals(TaskStatus.FAILED, TaskStatus.CANCELLED)
                + "))";
    }

    private static String literals(TaskStatus... statuses) {
        return Columns.literals(
                java.util.Arrays.stream(statuses).map(TaskStatus::wireName).toArray(String[]::new));
    }

    /** Which of the ids have a row; call with at most a few hundred ids at a time. */
    public Set<String> existingIds(Handle handle, Collection<String> ids) {
        return new LinkedHashSet<>(handle.createQuery("SELECT id FROM tasks WHERE id IN (<ids>)")
                .bindList("ids", List.copyOf(ids))
                .mapTo(String.class)
                .list());
    }

    private static void insertDependencies(Connection connection, StatementCache statements, Task task)
            throws SQLException {
        if (task.spec().dependsOn().isEmpty()) {
            return;
        }
        PreparedStatement insert = statements.prepare(connection, INSERT_DEPENDENCY);
        for (TaskId dependency : task.spec().dependsOn()) {
            insert.setString(1, task.id().value());
            insert.setString(2, dependency.value());
            insert.executeUpdate();
        }
    }

    /** Binds status … spec: parameters 2 to 12 of the insert. */
    private static void bindColumns(PreparedStatement statement, Task task, String spec) throws SQLException {
        int i = 2;
        statement.setString(i++, task.status().wireName());
        statement.setInt(i++, task.spec().priority());
        statement.setString(i++, task.agent());
        statement.setString(i++, task.branch());
        statement.setString(
                i++, task.failureReason() == null ? null : task.failureReason().wireName());
        statement.setString(i++, task.failureDetail());
        statement.setInt(i++, task.attempts());
        statement.setObject(i++, Columns.millis(task.notBefore()));
        statement.setLong(i++, task.createdAt().toEpochMilli());
        statement.setLong(i++, task.updatedAt().toEpochMilli());
        statement.setString(i, spec);
    }

    /** The task as a read of its row would give it. */
    private Task asStored(Task task, String spec, Instant createdAt, long version) {
        return new Task(
                task.id(),
                json.readSpec(spec),
                task.status(),
                task.agent(),
                task.branch(),
                task.failureReason(),
                task.failureDetail(),
                task.attempts(),
                Columns.truncated(task.notBefore()),
                createdAt,
                Columns.truncated(task.updatedAt()),
                version);
    }

    private Task map(ResultSet row, StatementContext context) throws SQLException {
        String reason = row.getString("failure_reason");
        return new Task(
                new TaskId(row.getString("id")),
                json.readSpec(row.getString("spec")),
                TaskStatus.fromWire(row.getString("status")),
                row.getString("agent"),
                row.getString("branch"),
                reason == null ? null : FailureReason.fromWire(reason),
                row.getString("failure_detail"),
                row.getInt("attempts"),
                Columns.instant(row, "not_before"),
                Columns.instant(row, "created_at"),
                Columns.instant(row, "updated_at"),
                row.getLong("version"));
    }

    private static List<String> wireNames(Set<TaskStatus> statuses) {
        return statuses.stream().map(TaskStatus::wireName).sorted().toList();
    }
}
