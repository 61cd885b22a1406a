package dev.baton.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.baton.core.Decision;
import dev.baton.core.DecisionId;
import dev.baton.core.DecisionStatus;
import dev.baton.core.Event;
import dev.baton.core.Run;
import dev.baton.core.RunId;
import dev.baton.core.StoreException;
import dev.baton.core.Task;
import dev.baton.core.TaskId;
import dev.baton.store.internal.JdbiStore;
import dev.baton.store.internal.WriteTransactions;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.jdbi.v3.core.Jdbi;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * The {@link Store} in one SQLite file, the default for a single machine.
 *
 * <p>The file is in WAL mode, so readers never wait for the writer. Every write is one {@code BEGIN
 * IMMEDIATE} transaction: it takes the write lock before reading anything, and a second writer —
 * another thread, another instance, another process — waits up to {@link #BUSY_TIMEOUT} for it
 * instead of failing. Any number of instances, in any number of JVMs, may open the same file.
 * Because writes take turns, events become visible in the order of their ids, so a reader that
 * follows {@link #eventsAfter} never skips one.
 *
 * <p>Next to the database, {@code NAME.migration-lock} serializes schema migrations between
 * processes that open a new file at the same moment. It is never the database file itself: closing
 * any descriptor of a file drops every POSIX lock the process holds on it, SQLite's included.
 *
 * <p>Thread-safe; close it to release its connections.
 */
public final class SqliteStore implements Store {
    /** How long a write waits for another writer before failing with a {@code StoreException}. */
    public static final Duration BUSY_TIMEOUT = Duration.ofSeconds(10);

    /** One folder per database vendor, with the same versions in each (PostgreSQL: postgresql). */
    private static final String MIGRATIONS = "classpath:db/migration/sqlite";

    private static final int POOL_SIZE = 4;
    private static final Object MIGRATION_LOCK = new Object();

    /** How often the log is copied back into the database file, off the writers' path. */
    private static final Duration CHECKPOINT_INTERVAL = Duration.ofMillis(100);

    static {
        // Before any connection loads the driver's native library (see SqliteNativeLibrary).
        SqliteNativeLibrary.placeOnce();
    }

    private final Path file;
    private final JdbiStore store;
    private final WalCheckpointer checkpointer;

    private SqliteStore(Path file, JdbiStore store, WalCheckpointer checkpointer) {
        this.file = file;
        this.store = store;
        this.checkpointer = checkpointer;
    }

    /**
     * Opens the database in {@code dbFile}, creating the file and its folders if needed and
     * bringing its schema up to date.
     *
     * @throws StoreException when the folder cannot be created or the file cannot be opened
     */
    public static SqliteStore open(Path dbFile) {
        Path file = dbFile.toAbsolutePath().normalize();
        try {
            Files.createDirectories(file.getParent());
        } catch (IOException e) {
            throw new StoreException("could not create the folder " + file.getParent() + " for the database: " + e, e);
        }
        SQLiteDataSource sqlite = dataSource(file);
        migrate(file, sqlite);
        HikariDataSource pool = pool(file, sqlite);
        Jdbi jdbi = Jdbi.create(pool);
        java.util.concurrent.atomic.LongAdder commits = new java.util.concurrent.atomic.LongAdder();
        return new SqliteStore(
                file,
                new JdbiStore(
                        jdbi,
                        pool,
                        file.toString(),
                        WriteTransactions.counted(WriteTransactions.beginningWith("BEGIN IMMEDIATE"), commits),
                        pool),
                WalCheckpointer.start(sqlite, CHECKPOINT_INTERVAL, commits::sum, "baton-sqlite-checkpoint"));
    }

    /** The database file. */
    public Path file() {
        return file;
    }

    private static SQLiteDataSource dataSource(Path file) {
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
        config.setBusyTimeout((int) BUSY_TIMEOUT.toMillis());
        config.enforceForeignKeys(true);
        // Used by JDBC-managed transactions (Flyway's); the store itself issues BEGIN IMMEDIATE.
        config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        SQLiteDataSource dataSource = new SQLiteDataSource(config);
        dataSource.setUrl("jdbc:sqlite:" + file);
        return dataSource;
    }

    private static void migrate(Path file, DataSource dataSource) {
        Path lockFile = file.resolveSibling(file.getFileName() + ".migration-lock");
        // A FileLock is held per JVM, so threads of one JVM queue on the monitor first.
        synchronized (MIGRATION_LOCK) {
            try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                    FileLock ignored = channel.lock()) {
                Flyway.configure()
                        .dataSource(dataSource)
                        .locations(MIGRATIONS)
                        .failOnMissingLocations(true)
                        .load()
                        .migrate();
            } catch (IOException | FlywayException e) {
                throw new StoreException(
                        "could not prepare the database " + file + ": " + e.getMessage()
                                + ". Check that the file is a Baton database and that you may write to it",
                        e);
            }
        }
    }

    private static HikariDataSource pool(Path file, DataSource dataSource) {
        HikariConfig config = new HikariConfig();
        config.setDataSource(dataSource);
        config.setPoolName("baton-sqlite");
        config.setMaximumPoolSize(POOL_SIZE);
        config.setMinimumIdle(1);
        config.setAutoCommit(true);
        // The WalCheckpointer copies the log back; a writer does it only if that falls behind.
        config.setConnectionInitSql("PRAGMA wal_autocheckpoint = " + WalCheckpointer.WRITER_LIMIT_PAGES);
        try {
            return new HikariDataSource(config);
        } catch (RuntimeException e) {
            throw new StoreException("could not open the database " + file + ": " + e.getMessage(), e);
        }
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
        checkpointer.close();
        store.close();
    }

    @Override
    public String toString() {
        return "SqliteStore[" + file + "]";
    }
}
