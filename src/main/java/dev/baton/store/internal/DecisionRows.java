package dev.baton.store.internal;

import dev.baton.core.Decision;
import dev.baton.core.DecisionId;
import dev.baton.core.DecisionKind;
import dev.baton.core.DecisionStatus;
import dev.baton.core.RunId;
import dev.baton.core.TaskId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.SqlStatement;
import org.jdbi.v3.core.statement.StatementContext;

/** The SQL for the {@code decisions} table and the mapping of its rows. Thread-safe. */
public final class DecisionRows {
    private static final String COLUMNS = "id, task_id, run_id, kind, question, details, status, created_at,"
            + " expires_at, answered_at, answered_by, reason, version";

    private static final String INSERT = "INSERT INTO decisions (" + COLUMNS + ")"
            + " VALUES (:id, :taskId, :runId, :kind, :question, :details, :status, :createdAt,"
            + " :expiresAt, :answeredAt, :answeredBy, :reason, :version)"
            + " ON CONFLICT (id) DO NOTHING RETURNING *";

    private static final String UPDATE = "UPDATE decisions SET status = :status, details = :details,"
            + " expires_at = :expiresAt, answered_at = :answeredAt, answered_by = :answeredBy,"
            + " reason = :reason, version = version + 1"
            + " WHERE id = :id AND version = :version RETURNING *";

    private final StoreJson json;

    public DecisionRows(StoreJson json) {
        this.json = json;
    }

    /** Empty when a decision with the id exists. */
    public Optional<Decision> insert(Handle handle, Decision decision) {
        return bindAll(handle.createQuery(INSERT), decision).map(this::map).findOne();
    }

    /** Stores the answer if the stored version is the decision's; empty otherwise. */
    public Optional<Decision> update(Handle handle, Decision decision) {
        return bindAll(handle.createQuery(UPDATE), decision).map(this::map).findOne();
    }

    public boolean exists(Handle handle, DecisionId id) {
        return handle.createQuery("SELECT 1 FROM decisions WHERE id = :id")
                .bind("id", id.value())
                .mapTo(Integer.class)
                .findOne()
                .isPresent();
    }

    public Optional<Decision> find(Handle handle, DecisionId id) {
        return handle.createQuery("SELECT * FROM decisions WHERE id = :id")
                .bind("id", id.value())
                .map(this::map)
                .findOne();
    }

    public List<Decision> list(
            Connection connection, StatementCache statements, Set<DecisionStatus> statuses, int limit)
            throws SQLException {
        List<String> wanted =
                statuses.stream().map(DecisionStatus::wireName).sorted().toList();
        String where = wanted.isEmpty() ? "" : " WHERE status IN (" + StatementCache.placeholders(wanted.size()) + ")";
        PreparedStatement query =
                statements.prepare(connection, "SELECT * FROM decisions" + where + " ORDER BY created_at, id LIMIT ?");
        int i = 1;
        for (String status : wanted) query.setString(i++, status);
        query.setInt(i, limit);
        return StatementCache.list(query, row -> map(row, null));
    }

    public List<Decision> ofTask(Handle handle, TaskId task) {
        return handle.createQuery("SELECT * FROM decisions WHERE task_id = :task ORDER BY created_at, id")
                .bind("task", task.value())
                .map(this::map)
                .list();
    }

    private <S extends SqlStatement<S>> S bindAll(S statement, Decision d) {
        return statement
                .bind("id", d.id().value())
                .bind("taskId", d.taskId().value())
                .bind("runId", d.runId() == null ? null : d.runId().value())
                .bind("kind", d.kind().wireName())
                .bind("question", d.question())
                .bind("details", json.writeData(d.details()))
                .bind("status", d.status().wireName())
                .bind("createdAt", Columns.millis(d.createdAt()))
                .bind("expiresAt", Columns.millis(d.expiresAt()))
                .bind("answeredAt", Columns.millis(d.answeredAt()))
                .bind("answeredBy", d.answeredBy())
                .bind("reason", d.reason())
                .bind("version", d.version());
    }

    private Decision map(ResultSet row, StatementContext context) throws SQLException {
        String run = row.getString("run_id");
        return new Decision(
                new DecisionId(row.getString("id")),
                new TaskId(row.getString("task_id")),
                run == null ? null : new RunId(run),
                DecisionKind.fromWire(row.getString("kind")),
                row.getString("question"),
                json.readData(row.getString("details")),
                DecisionStatus.fromWire(row.getString("status")),
                Columns.instant(row, "created_at"),
                Columns.instant(row, "expires_at"),
                Columns.instant(row, "answered_at"),
                row.getString("answered_by"),
                row.getString("reason"),
                row.getLong("version"));
    }
}
