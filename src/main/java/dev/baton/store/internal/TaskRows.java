package dev.baton.store.internal;

import dev.baton.core.FailureReason;
import dev.baton.core.Task;
import dev.baton.core.TaskId;
import dev.baton.core.TaskStatus;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.SqlStatement;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * The SQL for the {@code tasks} and {@code task_deps} tables, and the mapping of their rows. Plain
 * SQL that SQLite (3.35+) and PostgreSQL both accept. Thread-safe.
 */
public final class TaskRows {
    private static final String COLUMNS = "id, status, priority, agent, branch, failure_reason, failure_detail,"
            + " attempts, not_before, created_at, updated_at, version, spec";

    private static final String INSERT = "INSERT INTO tasks (" + COLUMNS + ")"
            + " VALUES (:id, :status, :priority, :agent, :branch, :failureReason, :failureDetail,"
            + " :attempts, :notBefore, :createdAt, :updatedAt, :version, :spec)"
            + " ON CONFLICT (id) DO NOTHING RETURNING *";

    private static final String UPDATE = "UPDATE tasks SET status = :status, priority = :priority,"
            + " agent = :agent, branch = :branch, failure_reason = :failureReason,"
            + " failure_detail = :failureDetail, attempts = :attempts, not_before = :notBefore,"
            + " created_at = :createdAt, updated_at = :updatedAt, spec = :spec, version = version + 1"
            + " WHERE id = :id AND version = :version RETURNING *";

    /** Queued, due, and no dependency that is not completed (a missing one never completes). */
    private static final String DISPATCHABLE = "SELECT t.* FROM tasks t"
            + " WHERE t.status = :queued AND (t.not_before IS NULL OR t.not_before <= :now)"
            + " AND NOT EXISTS (SELECT 1 FROM task_deps d LEFT JOIN tasks dep ON dep.id = d.depends_on"
            + "   WHERE d.task_id = t.id AND (dep.status IS NULL OR dep.status <> :completed))"
            + " ORDER BY t.priority, t.created_at, t.id LIMIT :limit";

    private static final String DUE_RETRIES = "SELECT * FROM tasks"
            + " WHERE status = :retrying AND (not_before IS NULL OR not_before <= :now)"
            + " ORDER BY not_before, created_at, id";

    private static final String BLOCKED = "SELECT t.* FROM tasks t WHERE t.status IN (<waiting>)"
            + " AND EXISTS (SELECT 1 FROM task_deps d JOIN tasks dep ON dep.id = d.depends_on"
            + "   WHERE d.task_id = t.id AND dep.status IN (<failed>))"
            + " ORDER BY t.created_at, t.id";

    private final StoreJson json;

    public TaskRows(StoreJson json) {
        this.json = json;
    }

    /** Inserts the task and its dependency rows; empty when a task with the id exists. */
    public Optional<Task> insert(Handle handle, Task task) {
        Optional<Task> stored =
                bindAll(handle.createQuery(INSERT), task).map(this::map).findOne();
        stored.ifPresent(inserted -> insertDependencies(handle, inserted));
        return stored;
    }

    /**
     * Writes every column of the task, the spec included, if the stored version is the task's
     * version; empty otherwise (stale, or no such task).
     */
    public Optional<Task> update(Handle handle, Task task) {
        Optional<Task> stored =
                bindAll(handle.createQuery(UPDATE), task).map(this::map).findOne();
        stored.ifPresent(updated -> {
            handle.createUpdate("DELETE FROM task_deps WHERE task_id = :id")
                    .bind("id", updated.id().value())
                    .execute();
            insertDependencies(handle, updated);
        });
        return stored;
    }

    public boolean exists(Handle handle, TaskId id) {
        return handle.createQuery("SELECT 1 FROM tasks WHERE id = :id")
                .bind("id", id.value())
                .mapTo(Integer.class)
                .findOne()
                .isPresent();
    }

    public Optional<Task> find(Handle handle, TaskId id) {
        return handle.createQuery("SELECT * FROM tasks WHERE id = :id")
                .bind("id", id.value())
                .map(this::map)
                .findOne();
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

    public List<Task> dispatchable(Handle handle, Instant now, int limit) {
        return handle.createQuery(DISPATCHABLE)
                .bind("queued", TaskStatus.QUEUED.wireName())
                .bind("completed", TaskStatus.COMPLETED.wireName())
                .bind("now", now.toEpochMilli())
                .bind("limit", limit)
                .map(this::map)
                .list();
    }

    public List<Task> dueRetries(Handle handle, Instant now) {
        return handle.createQuery(DUE_RETRIES)
                .bind("retrying", TaskStatus.RETRYING.wireName())
                .bind("now", now.toEpochMilli())
                .map(this::map)
                .list();
    }

    public List<Task> blockedByFailedDependencies(Handle handle) {
        return handle.createQuery(BLOCKED)
                .bindList("waiting", wireNames(Set.of(TaskStatus.QUEUED, TaskStatus.WAITING_APPROVAL)))
                .bindList("failed", wireNames(Set.of(TaskStatus.FAILED, TaskStatus.CANCELLED)))
                .map(this::map)
                .list();
    }

    /** Which of the ids have a row; call with at most a few hundred ids at a time. */
    public Set<String> existingIds(Handle handle, Collection<String> ids) {
        return new LinkedHashSet<>(handle.createQuery("SELECT id FROM tasks WHERE id IN (<ids>)")
                .bindList("ids", List.copyOf(ids))
                .mapTo(String.class)
                .list());
    }

    private void insertDependencies(Handle handle, Task task) {
        if (task.spec().dependsOn().isEmpty()) {
            return;
        }
        PreparedBatch batch = handle.prepareBatch(
                "INSERT INTO task_deps (task_id, depends_on) VALUES (:task, :dependency) ON CONFLICT DO NOTHING");
        for (TaskId dependency : task.spec().dependsOn()) {
            batch.bind("task", task.id().value())
                    .bind("dependency", dependency.value())
                    .add();
        }
        batch.execute();
    }

    private <S extends SqlStatement<S>> S bindAll(S statement, Task task) {
        return statement
                .bind("id", task.id().value())
                .bind("status", task.status().wireName())
                .bind("priority", task.spec().priority())
                .bind("agent", task.agent())
                .bind("branch", task.branch())
                .bind(
                        "failureReason",
                        task.failureReason() == null
                                ? null
                                : task.failureReason().wireName())
                .bind("failureDetail", task.failureDetail())
                .bind("attempts", task.attempts())
                .bind("notBefore", Columns.millis(task.notBefore()))
                .bind("createdAt", Columns.millis(task.createdAt()))
                .bind("updatedAt", Columns.millis(task.updatedAt()))
                .bind("version", task.version())
                .bind("spec", json.writeSpec(task.spec()));
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
