package dev.baton.store.internal;

import dev.baton.core.FailureReason;
import dev.baton.core.Run;
import dev.baton.core.RunId;
import dev.baton.core.RunStatus;
import dev.baton.core.TaskId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * The SQL for the {@code runs} table and the mapping of its rows. The lease columns ({@code node_id},
 * {@code fence}, {@code lease_until}) are written on insert and afterwards only by {@link
 * #renewLeases} and {@link #takeOver}, so a supervisor's ordinary update can never undo a take-over.
 * Thread-safe.
 */
public final class RunRows {
    /**
     * The statuses of a run that may be alive, as SQL: a literal list, so that SQLite can use the
     * partial index on them (V5).
     */
    private static final String ACTIVE =
            "(" + Columns.literals(RunStatus.STARTING.wireName(), RunStatus.RUNNING.wireName()) + ")";

    /** The id, the columns of {@link #bindCommon}, the version, the lease columns, the fixed ones. */
    private static final String INSERT = "INSERT INTO runs (id, status, pid, process_start, run_dir, workdir,"
            + " branch, started_at, finished_at, exit_code, failure_reason, failure_detail, output_offset, result,"
            + " version, node_id, fence, lease_until, task_id, attempt, agent)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
            + " ON CONFLICT (id) DO NOTHING";

    /**
     * The columns that change after creation (a run's task, attempt and agent are fixed when it is
     * inserted, so an update leaves them and their index entries alone). Returns those and the
     * lease columns, which only renewals and take-overs change.
     */
    private static final String UPDATE = "UPDATE runs SET status = ?, pid = ?,"
            + " process_start = ?, run_dir = ?, workdir = ?, branch = ?, started_at = ?, finished_at = ?,"
            + " exit_code = ?, failure_reason = ?, failure_detail = ?, output_offset = ?, result = ?,"
            + " version = version + 1 WHERE id = ? AND version = ?"
            + " RETURNING task_id, attempt, agent, node_id, fence, lease_until";

    private static final String TAKE_OVER = "UPDATE runs SET node_id = :nodeId, fence = fence + 1,"
            + " lease_until = :until, version = version + 1"
            + " WHERE id = :id AND status IN " + ACTIVE
            + " AND (lease_until IS NULL OR lease_until < :now OR node_id = :nodeId) RETURNING *";

    private static final String TAKE_OVER_FROM = "UPDATE runs SET node_id = :nodeId, fence = fence + 1,"
            + " lease_until = :until, version = version + 1"
            + " WHERE id = :id AND status IN " + ACTIVE + " AND node_id = :deadNode RETURNING *";

    static final String ACTIVE_RUNS = "SELECT * FROM runs WHERE status IN " + ACTIVE + " ORDER BY started_at, id";

    static final String ACTIVE_BY_AGENT =
            "SELECT agent, COUNT(*) AS active FROM runs WHERE status IN " + ACTIVE + " GROUP BY agent ORDER BY agent";

    static final String RENEW_LEASES =
            "UPDATE runs SET lease_until = :until WHERE node_id = :nodeId AND status IN " + ACTIVE;

    private final StoreJson json;

    public RunRows(StoreJson json) {
        this.json = json;
    }

    /**
     * Empty when a run with the id exists. The stored record is built here, not read back: the
     * result as its JSON reads, instants to the millisecond.
     */
    public Optional<Run> insert(Connection connection, StatementCache statements, Run run) throws SQLException {
        PreparedStatement insert = statements.prepare(connection, INSERT);
        String result = json.writeResult(run.result());
        insert.setString(1, run.id().value());
        bindCommon(insert, 2, run, result);
        insert.setLong(15, run.version());
        insert.setString(16, run.nodeId());
        insert.setLong(17, run.fence());
        insert.setObject(18, Columns.millis(run.leaseUntil()));
        insert.setString(19, run.taskId().value());
        insert.setInt(20, run.attempt());
        insert.setString(21, run.agent());
        if (insert.executeUpdate() == 0) {
            return Optional.empty();
        }
        return Optional.of(asStored(
                run,
                run.taskId(),
                run.attempt(),
                run.agent(),
                run.nodeId(),
                run.fence(),
                Columns.truncated(run.leaseUntil()),
                result,
                run.version()));
    }

    /**
     * Empty when the stored version differs from the run's (or the run does not exist). The task,
     * attempt, agent and lease columns of the stored record are the database's.
     */
    public Optional<Run> update(Connection connection, StatementCache statements, Run run) throws SQLException {
        PreparedStatement update = statements.prepare(connection, UPDATE);
        String result = json.writeResult(run.result());
        bindCommon(update, 1, run, result);
        update.setString(14, run.id().value());
        update.setLong(15, run.version());
        try (ResultSet row = update.executeQuery()) {
            if (!row.next()) {
                return Optional.empty();
            }
            return Optional.of(asStored(
                    run,
                    new TaskId(row.getString("task_id")),
                    row.getInt("attempt"),
                    row.getString("agent"),
                    row.getString("node_id"),
                    row.getLong("fence"),
                    Columns.instant(row, "lease_until"),
                    result,
                    run.version() + 1));
        }
    }

    public boolean exists(Connection connection, StatementCache statements, RunId id) throws SQLException {
        PreparedStatement select = statements.prepare(connection, "SELECT 1 FROM runs WHERE id = ?");
        select.setString(1, id.value());
        try (ResultSet row = select.executeQuery()) {
            return row.next();
        }
    }

    public Optional<Run> find(Connection connection, StatementCache statements, RunId id) throws SQLException {
        PreparedStatement query = statements.prepare(connection, "SELECT * FROM runs WHERE id = ?");
        query.setString(1, id.value());
        return StatementCache.first(query, row -> map(row, null));
    }

    /**
     * A run's id is its task's id, a dot and the attempt ({@link RunId#of}), so a task's runs are
     * one range of the primary key; {@code task_id} keeps out those of a task whose id extends
     * this one's after a dot. No index on {@code task_id} is needed (V5 dropped it).
     */
    static final String OF_TASK = "SELECT * FROM runs WHERE id > ? AND id < ? AND task_id = ? ORDER BY attempt";

    public List<Run> ofTask(Connection connection, StatementCache statements, TaskId task) throws SQLException {
        PreparedStatement query = statements.prepare(connection, OF_TASK);
        query.setString(1, task.value() + ".");
        query.setString(2, task.value() + "/"); // '/' follows '.'
        query.setString(3, task.value());
        return StatementCache.list(query, row -> map(row, null));
    }

    public List<Run> active(Handle handle) {
        return handle.createQuery(ACTIVE_RUNS).map(this::map).list();
    }

    public Map<String, Integer> activeByAgent(Connection connection, StatementCache statements) throws SQLException {
        PreparedStatement query = statements.prepare(connection, ACTIVE_BY_AGENT);
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (Map.Entry<String, Integer> entry :
                StatementCache.list(query, row -> Map.entry(row.getString("agent"), row.getInt("active")))) {
            counts.put(entry.getKey(), entry.getValue());
        }
        return counts;
    }

    /** Leaves versions alone: a lease renewal must not make the supervisor's own copy stale. */
    public int renewLeases(Handle handle, String nodeId, Instant until) {
        return handle.createUpdate(RENEW_LEASES)
                .bind("until", until.toEpochMilli())
                .bind("nodeId", nodeId)
                .execute();
    }

    /** One conditional UPDATE, so two nodes taking over the same run cannot both succeed. */
    public Optional<Run> takeOver(Handle handle, RunId id, String nodeId, Instant now, Instant until) {
        return handle.createQuery(TAKE_OVER)
                .bind("id", id.value())
                .bind("nodeId", nodeId)
                .bind("now", now.toEpochMilli())
                .bind("until", until.toEpochMilli())
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
                .map(this::map)
                .findOne();
    }

    /** Binds status … result: thirteen parameters from {@code first} on. */
    private static void bindCommon(PreparedStatement statement, int first, Run run, String result) throws SQLException {
        int i = first;
        statement.setString(i++, run.status().wireName());
        statement.setObject(i++, run.pid());
        statement.setObject(i++, Columns.millis(run.processStart()));
        statement.setString(i++, run.runDir());
        statement.setString(i++, run.workdir());
        statement.setString(i++, run.branch());
        statement.setObject(i++, Columns.millis(run.startedAt()));
        statement.setObject(i++, Columns.millis(run.finishedAt()));
        statement.setObject(i++, run.exitCode());
        statement.setString(
                i++, run.failureReason() == null ? null : run.failureReason().wireName());
        statement.setString(i++, run.failureDetail());
        statement.setLong(i++, run.outputOffset());
        statement.setString(i, result);
    }

    /** The run as a read of its row would give it: the columns written from {@code written}. */
    private Run asStored(
            Run written,
            TaskId taskId,
            int attempt,
            String agent,
            String nodeId,
            long fence,
            Instant leaseUntil,
            String result,
            long version) {
        return new Run(
                written.id(),
                taskId,
                attempt,
                agent,
                written.status(),
                nodeId,
                fence,
                written.pid(),
                Columns.truncated(written.processStart()),
                written.runDir(),
                written.workdir(),
                written.branch(),
                Columns.truncated(written.startedAt()),
                Columns.truncated(written.finishedAt()),
                written.exitCode(),
                written.failureReason(),
                written.failureDetail(),
                leaseUntil,
                written.outputOffset(),
                json.readResult(result),
                version);
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
