package dev.baton.store.internal;

import dev.baton.core.FailureReason;
import dev.baton.core.Run;
import dev.baton.core.RunId;
import dev.baton.core.RunStatus;
import dev.baton.core.TaskId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.SqlStatement;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * The SQL for the {@code runs} table and the mapping of its rows. The lease columns ({@code node_id},
 * {@code fence}, {@code lease_until}) are written on insert and afterwards only by {@link
 * #renewLeases} and {@link #takeOver}, so a supervisor's ordinary update can never undo a take-over.
 * Thread-safe.
 */
public final class RunRows {
    private static final List<String> ACTIVE = List.of(RunStatus.STARTING.wireName(), RunStatus.RUNNING.wireName());

    private static final String INSERT = "INSERT INTO runs (id, task_id, attempt, agent, status, node_id, fence,"
            + " pid, process_start, run_dir, workdir, branch, started_at, finished_at, exit_code,"
            + " failure_reason, failure_detail, lease_until, output_offset, result, version)"
            + " VALUES (:id, :taskId, :attempt, :agent, :status, :nodeId, :fence, :pid, :processStart,"
            + " :runDir, :workdir, :branch, :startedAt, :finishedAt, :exitCode, :failureReason,"
            + " :failureDetail, :leaseUntil, :outputOffset, :result, :version)"
            + " ON CONFLICT (id) DO NOTHING RETURNING *";

    private static final String UPDATE = "UPDATE runs SET attempt = :attempt, agent = :agent, status = :status,"
            + " pid = :pid, process_start = :processStart, run_dir = :runDir, workdir = :workdir,"
            + " branch = :branch, started_at = :startedAt, finished_at = :finishedAt, exit_code = :exitCode,"
            + " failure_reason = :failureReason, failure_detail = :failureDetail,"
            + " output_offset = :outputOffset, result = :result, version = version + 1"
            + " WHERE id = :id AND version = :version RETURNING *";

    private static final String TAKE_OVER = "UPDATE runs SET node_id = :nodeId, fence = fence + 1,"
            + " lease_until = :until, version = version + 1"
            + " WHERE id = :id AND status IN (<active>)"
            + " AND (lease_until IS NULL OR lease_until < :now OR node_id = :nodeId) RETURNING *";

    private static final String TAKE_OVER_FROM = "UPDATE runs SET node_id = :nodeId, fence = fence + 1,"
            + " lease_until = :until, version = version + 1"
            + " WHERE id = :id AND status IN (<active>) AND node_id = :deadNode RETURNING *";

    private final StoreJson json;

    public RunRows(StoreJson json) {
        this.json = json;
    }

    /** Empty when a run with the id exists. */
    public Optional<Run> insert(Handle handle, Run run) {
        return bindCommon(handle.createQuery(INSERT), run)
                .bind("taskId", run.taskId().value())
                .bind("nodeId", run.nodeId())
                .bind("fence", run.fence())
                .bind("leaseUntil", Columns.millis(run.leaseUntil()))
                .map(this::map)
                .findOne();
    }

    /** Empty when the stored version differs from the run's (or the run does not exist). */
    public Optional<Run> update(Handle handle, Run run) {
        return bindCommon(handle.createQuery(UPDATE), run).map(this::map).findOne();
    }

    public boolean exists(Handle handle, RunId id) {
        return handle.createQuery("SELECT 1 FROM runs WHERE id = :id")
                .bind("id", id.value())
                .mapTo(Integer.class)
                .findOne()
                .isPresent();
    }

    public Optional<Run> find(Handle handle, RunId id) {
        return handle.createQuery("SELECT * FROM runs WHERE id = :id")
                .bind("id", id.value())
                .map(this::map)
                .findOne();
    }

    public List<Run> ofTask(Handle handle, TaskId task) {
        return handle.createQuery("SELECT * FROM runs WHERE task_id = :task ORDER BY attempt")
                .bind("task", task.value())
                .map(this::map)
                .list();
    }

    public List<Run> active(Handle handle) {
        return handle.createQuery("SELECT * FROM runs WHERE status IN (<active>) ORDER BY started_at, id")
                .bindList("active", ACTIVE)
                .map(this::map)
                .list();
    }

    public Map<String, Integer> activeByAgent(Handle handle) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        handle.createQuery("SELECT agent, COUNT(*) AS active FROM runs WHERE status IN (<active>)"
                        + " GROUP BY agent ORDER BY agent")
                .bindList("active", ACTIVE)
                .map((row, context) -> Map.entry(row.getString("agent"), row.getInt("active")))
                .forEach(entry -> counts.put(entry.getKey(), entry.getValue()));
        return counts;
    }

    /** Leaves versions alone: a lease renewal must not make the supervisor's own copy stale. */
    public int renewLeases(Handle handle, String nodeId, Instant until) {
        return handle.createUpdate(
                        "UPDATE runs SET lease_until = :until WHERE node_id = :nodeId AND status IN (<active>)")
                .bind("until", until.toEpochMilli())
                .bind("nodeId", nodeId)
                .bindList("active", ACTIVE)
                .execute();
    }

    /** One conditional UPDATE, so two nodes taking over the same run cannot both succeed. */
    public Optional<Run> takeOver(Handle handle, RunId id, String nodeId, Instant now, Instant until) {
        return handle.createQuery(TAKE_OVER)
                .bind("id", id.value())
                .bind("nodeId", nodeId)
                .bind("now", now.toEpochMilli())
                .bind("until", until.toEpochMilli())
                .bindList("active", ACTIVE)
                .map(this::map)
                .findOne();
    }

    /** Like {@link #takeOver}, but from a named owner known to be dead, whatever its lease says. */
    public Optional<Run> takeOverFrom(Handle handle, RunId id, String deadNode, String nodeId, Instant until) {
        return handle.createQuery(TAKE_OVER_FROM)
                .bind("id", id.value())
                .bind("deadNode", deadNode)
                .bind("nodeId", nodeId)
                .bind("until", until.toEpochMilli())
                .bindList("active", ACTIVE)
                .map(this::map)
                .findOne();
    }

    private <S extends SqlStatement<S>> S bindCommon(S statement, Run run) {
        return statement
                .bind("id", run.id().value())
                .bind("attempt", run.attempt())
                .bind("agent", run.agent())
                .bind("status", run.status().wireName())
                .bind("pid", run.pid())
                .bind("processStart", Columns.millis(run.processStart()))
                .bind("runDir", run.runDir())
                .bind("workdir", run.workdir())
                .bind("branch", run.branch())
                .bind("startedAt", Columns.millis(run.startedAt()))
                .bind("finishedAt", Columns.millis(run.finishedAt()))
                .bind("exitCode", run.exitCode())
                .bind(
                        "failureReason",
                        run.failureReason() == null ? null : run.failureReason().wireName())
                .bind("failureDetail", run.failureDetail())
                .bind("outputOffset", run.outputOffset())
                .bind("result", json.writeResult(run.result()))
                .bind("version", run.version());
    }

    private Run map(ResultSet row, StatementContext context) throws SQLException {
        String reason = row.getString("failure_reason");
        return new Run(
                new RunId(row.getString("id")),
                new TaskId(row.getString("task_id")),
                row.getInt("attempt"),
                row.getString("agent"),
                RunStatus.fromWire(row.getString("status")),
                row.getString("node_id"),
                row.getLong("fence"),
                Columns.nullableLong(row, "pid"),
                Columns.instant(row, "process_start"),
                row.getString("run_dir"),
                row.getString("workdir"),
                row.getString("branch"),
                Columns.instant(row, "started_at"),
                Columns.instant(row, "finished_at"),
                Columns.nullableInt(row, "exit_code"),
                reason == null ? null : FailureReason.fromWire(reason),
                row.getString("failure_detail"),
                Columns.instant(row, "lease_until"),
                row.getLong("output_offset"),
                json.readResult(row.getString("result")),
                row.getLong("version"));
    }
}
