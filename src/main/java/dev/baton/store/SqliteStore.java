package dev.baton.store;

import dev.baton.core.Decision;
import dev.baton.core.DecisionId;
import dev.baton.core.DecisionStatus;
import dev.baton.core.Event;
import dev.baton.core.Run;
import dev.baton.core.RunId;
import dev.baton.core.Task;
import dev.baton.core.TaskId;
import dev.baton.store.internal.JdbiStore;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The {@link Store} of a {@link SqliteDatabase}, the default for a single machine. Every write is one
 * {@code BEGIN IMMEDIATE} transaction: it takes the write lock before reading anything, and a second
 * writer — another thread, another instance, another process — waits up to {@link #BUSY_TIMEOUT}
 * for it instead of failing. Because writes take turns, events become visible in the order of their
 * ids, so a reader that follows {@link #eventsAfter} never skips one.
 *
 * <p>Thread-safe. Closing it closes its database, and with it the database's other ports.
 */
public final class SqliteStore implements Store {
    /** How long a write waits for another writer before failing with a {@code StoreException}. */
    public static final Duration BUSY_TIMEOUT = SqliteDatabase.BUSY_TIMEOUT;

    private final Path file;
    private final JdbiStore store;
    private final SqliteDatabase database;

    SqliteStore(Path file, JdbiStore store, SqliteDatabase database) {
        this.file = file;
        this.store = store;
        this.database = database;
    }

    /**
     * Opens the database in {@code dbFile} (see {@link SqliteDatabase#open}) for its store alone.
     *
     * @throws dev.baton.core.StoreException when the folder cannot be created or the file cannot be
     *     opened
     */
    public static SqliteStore open(Path dbFile) {
        return SqliteDatabase.open(dbFile).store();
    }

    /** The database file. */
    public Path file() {
        return file;
    }

    @Override
    public Applied apply(Changes changes) {
        return store.apply(changes);
    }

    @Override
    public Optional<Task> findTask(TaskId id) {
        return store.findTask(id);
    }

    @Override
    public List<Task> listTasks(TaskQuery query) {
        return store.listTasks(query);
    }

    @Override
    public List<Task> dispatchable(Instant now, int limit) {
        return store.dispatchable(now, limit);
    }

    @Override
    public List<Task> dueRetries(Instant now) {
        return store.dueRetries(now);
    }

    @Override
    public List<Task> blockedByFailedDependencies() {
        return store.blockedByFailedDependencies();
    }

    @Override
    public List<TaskId> missingTasks(List<TaskId> ids) {
        return store.missingTasks(ids);
    }

    @Override
    public Optional<Run> findRun(RunId id) {
        return store.findRun(id);
    }

    @Override
    public List<Run> runsOf(TaskId task) {
        return store.runsOf(task);
    }

    @Override
    public List<Run> activeRuns() {
        return store.activeRuns();
    }

    @Override
    public Map<String, Integer> activeRunsByAgent() {
        return store.activeRunsByAgent();
    }

    @Override
    public int renewLeases(String nodeId, Instant until) {
        return store.renewLeases(nodeId, until);
    }

    @Override
    public Optional<Run> takeOver(RunId id, String nodeId, Instant now, Instant until) {
        return store.takeOver(id, nodeId, now, until);
    }

    @Override
    public Optional<Run> takeOverFrom(RunId id, String deadNode, String nodeId, Instant until) {
        return store.takeOverFrom(id, deadNode, nodeId, until);
    }

    @Override
    public Optional<Decision> findDecision(DecisionId id) {
        return store.findDecision(id);
    }

    @Override
    public List<Decision> listDecisions(Set<DecisionStatus> statuses, int limit) {
        return store.listDecisions(statuses, limit);
    }

    @Override
    public List<Decision> decisionsOf(TaskId task) {
        return store.decisionsOf(task);
    }

    @Override
    public List<Event> eventsAfter(long afterId, int limit) {
        return store.eventsAfter(afterId, limit);
    }

    @Override
    public List<Event> eventsOf(TaskId task, long afterId, int limit) {
        return store.eventsOf(task, afterId, limit);
    }

    @Override
    public void close() {
        database.close();
    }

    @Override
    public String toString() {
        return "SqliteStore[" + file + "]";
    }
}
