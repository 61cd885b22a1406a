package dev.baton.bench;

import dev.baton.core.Event;
import dev.baton.core.EventTypes;
import dev.baton.core.Run;
import dev.baton.core.RunResult;
import dev.baton.core.RunStatus;
import dev.baton.core.Task;
import dev.baton.core.TaskId;
import dev.baton.core.TaskSpec;
import dev.baton.core.TaskStatus;
import dev.baton.store.Applied;
import dev.baton.store.Changes;
import dev.baton.store.SqliteStore;
import dev.baton.store.TaskQuery;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.sqlite.SQLiteConfig;

/**
 * Store throughput: tasks claimed and completed per second through the {@link dev.baton.store.Store}
 * port, against the same work as raw JDBC statements on a SQLite file with the store's settings.
 * One thread each, one transaction per claim and one per completion.
 */
final class StoreBench {
    private static final String NODE = "bench@localhost:1";

    private StoreBench() {}

    /**
     * Through the Store port, as the dispatcher and the finisher write: the dispatcher's query
     * ({@code dispatchable}, 32 at a time); claim = task QUEUED → ROUTED + run insert + a
     * task.routed event; complete = run update (succeeded) + task update (completed) + a
     * run.finished event. Returns claim + complete pairs per second.
     */
    static double storeRate(Path dbFile, int count) {
        try (SqliteStore store = SqliteStore.open(dbFile)) {
            Random random = new Random(1);
            Instant created = Instant.now();
            for (int i = 0; i < count; ) {
                Changes.Builder batch = Changes.builder();
                for (int j = 0; j < 500 && i < count; j++, i++) {
                    batch.insert(Task.create(
                            TaskId.generate(random), TaskSpec.builder("true").build(), created));
                }
                store.apply(batch.build());
            }
            long start = System.nanoTime();
            int done = 0;
            while (true) {
                Instant now = Instant.now();
                List<Task> ready = store.dispatchable(now, 32);
                if (ready.isEmpty()) break;
                for (Task task : ready) {
                    Task routed = task.moveTo(TaskStatus.ROUTED, now)
                            .withAgent("command")
                            .withAttempts(1);
                    Run run = Run.start(
                            task.id(), 1, "command", NODE, 1, "/tmp/run", now, now.plus(Duration.ofSeconds(30)));
                    Applied claimed = store.apply(Changes.builder()
                            .update(routed)
                            .insert(run)
                            .event(Event.of(
                                    now,
                                    task.id(),
                                    run.id(),
                                    EventTypes.TASK_ROUTED,
                                    Map.of("agent", "command", "attempt", 1)))
                            .build());
                    Run finished =
                            claimed.run(run.id()).finished(RunStatus.SUCCEEDED, 0, null, null, RunResult.EMPTY, now);
                    Task completed = claimed.task(task.id())
                            .moveTo(TaskStatus.RUNNING, now)
                            .moveTo(TaskStatus.COMPLETED, now);
                    store.apply(Changes.builder()
                            .update(finished)
                            .update(completed)
                            .event(Event.of(now, task.id(), run.id(), EventTypes.RUN_FINISHED, Map.of("exit_code", 0)))
                            .build());
                    done++;
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            int completed = store.listTasks(new TaskQuery(Set.of(TaskStatus.COMPLETED), count + 1))
                    .size();
            if (done != count || completed != count) {
                throw new IllegalStateException("claimed " + done + ", completed " + completed + " of " + count);
            }
            return count / seconds;
        }
    }

    /**
     * The baseline: raw JDBC on a SQLite file in WAL mode with the store's pragmas (synchronous
     * NORMAL, foreign keys, busy timeout), prepared statements, one connection. Claim = BEGIN
     * IMMEDIATE; version-checked UPDATE of the task row; INSERT of a run row; COMMIT. Complete =
     * BEGIN IMMEDIATE; UPDATE of the run row; UPDATE of the task row; COMMIT. Returns pairs per
     * second.
     */
    static double rawRate(Path dbFile, int count) throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
        config.setBusyTimeout((int) SqliteStore.BUSY_TIMEOUT.toMillis());
        config.enforceForeignKeys(true);
        try (Connection c = config.createConnection("jdbc:sqlite:" + dbFile)) {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE tasks (id TEXT PRIMARY KEY, status TEXT NOT NULL, version INTEGER NOT NULL,"
                        + " updated_at INTEGER NOT NULL)");
                s.execute("CREATE TABLE runs (id TEXT PRIMARY KEY, task_id TEXT NOT NULL REFERENCES tasks (id),"
                        + " status TEXT NOT NULL, version INTEGER NOT NULL, started_at INTEGER NOT NULL)");
                s.execute("BEGIN IMMEDIATE");
                try (PreparedStatement insert = c.prepareStatement("INSERT INTO tasks VALUES (?, 'queued', 0, 0)")) {
                    for (int i = 0; i < count; i++) {
                        insert.setString(1, "t" + i);
                        insert.executeUpdate();
                    }
                }
                s.execute("COMMIT");
            }
            try (Statement tx = c.createStatement();
                    PreparedStatement route = c.prepareStatement(
                            "UPDATE tasks SET status = 'routed', version = version + 1, updated_at = ?"
                                    + " WHERE id = ? AND version = ?");
                    PreparedStatement insertRun =
                            c.prepareStatement("INSERT INTO runs VALUES (?, ?, 'starting', 0, ?)");
                    PreparedStatement finishRun = c.prepareStatement(
                            "UPDATE runs SET status = 'succeeded', version = version + 1 WHERE id = ? AND version = ?");
                    PreparedStatement completeTask = c.prepareStatement(
                            "UPDATE tasks SET status = 'completed', version = version + 1, updated_at = ?"
                                    + " WHERE id = ? AND version = ?")) {
                long start = System.nanoTime();
                for (int i = 0; i < count; i++) {
                    long now = System.currentTimeMillis();
                    String task = "t" + i;
                    tx.execute("BEGIN IMMEDIATE");
                    route.setLong(1, now);
                    route.setString(2, task);
                    route.setLong(3, 0);
                    check(route.executeUpdate());
                    insertRun.setString(1, task + "-1");
                    insertRun.setString(2, task);
                    insertRun.setLong(3, now);
                    check(insertRun.executeUpdate());
                    tx.execute("COMMIT");
                    tx.execute("BEGIN IMMEDIATE");
                    finishRun.setString(1, task + "-1");
                    finishRun.setLong(2, 0);
                    check(finishRun.executeUpdate());
                    completeTask.setLong(1, now);
                    completeTask.setString(2, task);
                    completeTask.setLong(3, 1);
                    check(completeTask.executeUpdate());
                    tx.execute("COMMIT");
                }
                return count / ((System.nanoTime() - start) / 1e9);
            }
        }
    }

    private static void check(int rows) {
        if (rows != 1) throw new IllegalStateException("expected one row changed, got " + rows);
    }
}
