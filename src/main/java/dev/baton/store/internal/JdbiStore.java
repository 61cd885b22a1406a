package dev.baton.store.internal;

import dev.baton.core.Decision;
import dev.baton.core.DecisionId;
import dev.baton.core.DecisionStatus;
import dev.baton.core.DuplicateTaskIdException;
import dev.baton.core.Event;
import dev.baton.core.NotFoundException;
import dev.baton.core.Run;
import dev.baton.core.RunId;
import dev.baton.core.StaleVersionException;
import dev.baton.core.StoreException;
import dev.baton.core.Task;
import dev.baton.core.TaskId;
import dev.baton.store.Applied;
import dev.baton.store.Changes;
import dev.baton.store.Store;
import dev.baton.store.TaskQuery;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/**
 * The {@link Store} over any database that speaks the portable SQL of {@link TaskRows}, {@link
 * RunRows} and {@link EventRows}; the adapters ({@code SqliteStore}) open the database and hand it
 * here. Thread-safe: every call borrows its own connection.
 */
public final class JdbiStore implements Store {
    /** Keeps {@code IN (...)} lists well below every database's limit on bound parameters. */
    private static final int IDS_PER_QUERY = 500;

    private final Jdbi jdbi;
    private final DataSource dataSource;
    private final String location;
    private final WriteTransactions writes;
    private final AutoCloseable resources;
    private final TaskRows tasks;
    private final RunRows runs;
    private final EventRows events;
    private final DecisionRows decisions;
    private final StatementCache statements = new StatementCache();

    /**
     * @param location the database as users know it (a file path), for error messages
     * @param dataSource the connections {@code jdbi} uses, for the writes that bypass Jdbi
     * @param resources closed by {@link #close()}, such as the connection pool
     */
    public JdbiStore(
            Jdbi jdbi, DataSource dataSource, String location, WriteTransactions writes, AutoCloseable resources) {
        this.jdbi = jdbi;
        this.dataSource = dataSource;
        this.location = location;
        this.writes = writes;
        this.resources = resources;
        StoreJson json = new StoreJson();
        this.tasks = new TaskRows(json);
        this.runs = new RunRows(json);
        this.events = new EventRows(json);
        this.decisions = new DecisionRows(json);
    }

    @Override
    public Applied apply(Changes changes) {
        if (isEmpty(changes)) {
            return new Applied(Map.of(), Map.of(), Map.of(), List.of());
        }
        if (changes.newDecisions().isEmpty() && changes.decisionUpdates().isEmpty()) {
            // The engine's writes: plain JDBC, no Jdbi handle to set up.
            try (Connection pooled = dataSource.getConnection()) {
                Connection connection = pooled.unwrap(Connection.class);
                return writes.inWriteTransaction(connection, () -> apply(null, connection, changes));
            } catch (SQLException e) {
                throw failure("apply changes", e);
            }
        }
        return write("apply changes", handle -> {
            try {
                return apply(handle, handle.getConnection().unwrap(Connection.class), changes);
            } catch (SQLException e) {
                throw new UnableToExecuteStatementException(e, null);
            }
        });
    }

    /**
     * The hot writes (tasks, runs, events) go through statements kept per connection on the
     * driver's own connection (unwrapped from the pool's); decisions through Jdbi's {@code handle},
     * which is on the same connection and is null when there are none.
     */
    private Applied apply(Handle handle, Connection connection, Changes changes) throws SQLException {
        Map<TaskId, Task> storedTasks = new LinkedHashMap<>();
        for (Task task : changes.newTasks()) {
            Task stored = tasks.insert(connection, statements, task)
                    .orElseThrow(() -> new DuplicateTaskIdException(task.id()));
            storedTasks.put(stored.id(), stored);
        }
        for (Task task : changes.taskUpdates()) {
            Optional<Task> stored = tasks.update(connection, statements, task);
            if (stored.isEmpty()) {
                throw tasks.exists(connection, statements, task.id())
                        ? new StaleVersionException("task " + task.id(), task.version())
                        : NotFoundException.task(task.id());
            }
            storedTasks.put(task.id(), stored.get());
        }
        Map<RunId, Run> storedRuns = new LinkedHashMap<>();
        for (Run run : changes.newRuns()) {
            Run stored = runs.insert(connection, statements, run)
                    .orElseThrow(() -> new StaleVersionException("run " + run.id(), run.version()));
            storedRuns.put(stored.id(), stored);
        }
        for (Run run : changes.runUpdates()) {
            Optional<Run> stored = runs.update(connection, statements, run);
            if (stored.isEmpty()) {
                throw runs.exists(connection, statements, run.id())
                        ? new StaleVersionException("run " + run.id(), run.version())
                        : new NotFoundException("no run with id '" + run.id() + "'");
            }
            storedRuns.put(run.id(), stored.get());
        }
        Map<DecisionId, Decision> storedDecisions = new LinkedHashMap<>();
        for (Decision decision : changes.newDecisions()) {
            Decision stored = decisions
                    .insert(handle, decision)
                    .orElseThrow(() -> new StaleVersionException("decision " + decision.id(), decision.version()));
            storedDecisions.put(stored.id(), stored);
        }
        for (Decision decision : changes.decisionUpdates()) {
            Decision stored = decisions
                    .update(handle, decision)
                    .orElseThrow(() -> decisions.exists(handle, decision.id())
                            ? new StaleVersionException("decision " + decision.id(), decision.version())
                            : NotFoundException.decision(decision.id()));
            storedDecisions.put(stored.id(), stored);
        }
        List<Long> eventIds = events.append(connection, statements, changes.events());
        return new Applied(storedTasks, storedRuns, storedDecisions, eventIds);
    }

    @Override
    public Optional<Task> findTask(TaskId id) {
        return query("read task " + id, connection -> tasks.find(connection, statements, id));
    }

    @Override
    public List<Task> listTasks(TaskQuery query) {
        return read("list tasks", handle -> tasks.list(handle, query.statuses(), query.limit()));
    }

    @Override
    public List<Task> dispatchable(Instant now, int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("limit must not be negative, was " + limit);
        }
        if (limit == 0) {
            return List.of();
        }
        return query("find dispatchable tasks", connection -> tasks.dispatchable(connection, statements, now, limit));
    }

    @Override
    public List<Task> dueRetries(Instant now) {
        return query("find due retries", connection -> tasks.dueRetries(connection, statements, now));
    }

    @Override
    public List<Task> blockedByFailedDependencies() {
        return query("find blocked tasks", connection -> tasks.blockedByFailedDependencies(connection, statements));
    }

    @Override
    public List<TaskId> missingTasks(List<TaskId> ids) {
        List<String> wanted = ids.stream().map(TaskId::value).distinct().toList();
        if (wanted.isEmpty()) {
            return List.of();
        }
        Set<String> existing = read("look up task ids", handle -> {
            Set<String> found = new HashSet<>();
            for (int from = 0; from < wanted.size(); from += IDS_PER_QUERY) {
                found.addAll(
                        tasks.existingIds(handle, wanted.subList(from, Math.min(wanted.size(), from + IDS_PER_QUERY))));
            }
            return found;
        });
        return wanted.stream()
                .filter(id -> !existing.contains(id))
                .map(TaskId::new)
                .toList();
    }

    @Override
    public Optional<Run> findRun(RunId id) {
        return query("read run " + id, connection -> runs.find(connection, statements, id));
    }

    @Override
    public List<Run> runsOf(TaskId task) {
        return query("read the runs of task " + task, connection -> runs.ofTask(connection, statements, task));
    }

    @Override
    public List<Run> activeRuns() {
        return read("list active runs", runs::active);
    }

    @Override
    public Map<String, Integer> activeRunsByAgent() {
        return query("count active runs", connection -> runs.activeByAgent(connection, statements));
    }

    @Override
    public int renewLeases(String nodeId, Instant until) {
        return write("renew the leases of node " + nodeId, handle -> runs.renewLeases(handle, nodeId, until));
    }

    @Override
    public Optional<Run> takeOver(RunId id, String nodeId, Instant now, Instant until) {
        return write("take over run " + id, handle -> runs.takeOver(handle, id, nodeId, now, until));
    }

    @Override
    public Optional<Run> takeOverFrom(RunId id, String deadNode, String nodeId, Instant until) {
        return write(
                "take over run " + id + " from " + deadNode,
                handle -> runs.takeOverFrom(handle, id, deadNode, nodeId, until));
    }

    @Override
    public Optional<Decision> findDecision(DecisionId id) {
        return read("read decision " + id, handle -> decisions.find(handle, id));
    }

    @Override
    public List<Decision> listDecisions(Set<DecisionStatus> statuses, int limit) {
        return query("list decisions", connection -> decisions.list(connection, statements, statuses, limit));
    }

    @Override
    public List<Decision> decisionsOf(TaskId task) {
        return read("read the decisions of task " + task, handle -> decisions.ofTask(handle, task));
    }

    @Override
    public List<Event> eventsAfter(long afterId, int limit) {
        return query("read events", connection -> events.after(connection, statements, afterId, limit));
    }

    @Override
    public List<Event> eventsOf(TaskId task, long afterId, int limit) {
        return query(
                "read the events of task " + task,
                connection -> events.ofTask(connection, statements, task, afterId, limit));
    }

    @Override
    public void close() {
        statements.close();
        try {
            resources.close();
        } catch (Exception e) {
            throw new StoreException("could not close " + location + ": " + e.getMessage(), e);
        }
    }

    private static boolean isEmpty(Changes changes) {
        return changes.newTasks().isEmpty()
                && changes.taskUpdates().isEmpty()
                && changes.newRuns().isEmpty()
                && changes.runUpdates().isEmpty()
                && changes.newDecisions().isEmpty()
                && changes.decisionUpdates().isEmpty()
                && changes.events().isEmpty();
    }

    /** Reads that run on every dispatcher pass: plain JDBC on statements kept per connection. */
    @FunctionalInterface
    private interface Query<T> {
        T run(Connection connection) throws SQLException;
    }

    private <T> T query(String what, Query<T> work) {
        try (Connection pooled = dataSource.getConnection()) {
            return work.run(pooled.unwrap(Connection.class));
        } catch (SQLException e) {
            throw failure(what, e);
        }
    }

    private <T> T read(String what, HandleCallback<T, RuntimeException> work) {
        try {
            return jdbi.withHandle(work);
        } catch (JdbiException e) {
            throw failure(what, e);
        }
    }

    private <T> T write(String what, HandleCallback<T, RuntimeException> work) {
        try {
            return jdbi.withHandle((Handle handle) -> {
                try {
                    return writes.inWriteTransaction(handle.getConnection(), () -> work.withHandle(handle));
                } catch (SQLException e) {
                    throw new UnableToExecuteStatementException(e, null);
                }
            });
        } catch (JdbiException e) {
            throw failure(what, e);
        }
    }

    private StoreException failure(String what, Exception e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return new StoreException("could not " + what + " in " + location + ": " + cause.getMessage(), e);
    }
}
