package dev.baton.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.baton.core.StoreException;
import dev.baton.secret.PrivateFiles;
import dev.baton.store.internal.JdbiOverview;
import dev.baton.store.internal.JdbiRateLimits;
import dev.baton.store.internal.JdbiScheduleStore;
import dev.baton.store.internal.JdbiStore;
import dev.baton.store.internal.JdbiTokenStore;
import dev.baton.store.internal.JdbiUsageLedger;
import dev.baton.store.internal.WriteTransactions;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.jdbi.v3.core.Jdbi;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * The {@link Database} in one SQLite file, the default for a single machine: one connection pool
 * that every port shares, and the schema migrated once, when it is opened.
 *
 * <p>The file is in WAL mode, so readers never wait for the writer; a {@link WalCheckpointer} copies
 * the log back off the writers' path. Any number of instances, in any number of JVMs, may open the
 * same file.
 *
 * <p>Next to the database, {@code NAME.migration-lock} serializes schema migrations between
 * processes that open a new file at the same moment. It is never the database file itself: closing
 * any descriptor of a file drops every POSIX lock the process holds on it, SQLite's included.
 *
 * <p>Thread-safe; close it to release its connections.
 */
public final class SqliteDatabase implements Database {
    /** How long a write waits for another writer before failing with a {@code StoreException}. */
    static final Duration BUSY_TIMEOUT = Duration.ofSeconds(10);

    /** One folder per database vendor, with the same versions in each (PostgreSQL: postgresql). */
    private static final String MIGRATIONS = "classpath:db/migration/sqlite";

    /** The store's connections and, beside them, the few the ledger, limits and server tables use. */
    private static final int POOL_SIZE = 6;

    private static final Object MIGRATION_LOCK = new Object();

    /** How often the log is copied back into the database file, off the writers' path. */
    static {
        // Before any connection loads the driver's native library (see SqliteNativeLibrary).
        SqliteNativeLibrary.placeOnce();
    }

    private static final Duration CHECKPOINT_INTERVAL = Duration.ofMillis(100);

    private final WalCheckpointer checkpointer;
    private final JdbiStore jdbiStore;
    private final SqliteStore store;
    private final UsageLedger usage;
    private final RateLimits rateLimits;
    private final ScheduleStore schedules;
    private final TokenStore tokens;
    private final Overview overview;
    private final AtomicBoolean closed = new AtomicBoolean();

    private SqliteDatabase(Path file, HikariDataSource pool, SQLiteDataSource sqlite) {
        Jdbi jdbi = Jdbi.create(pool);
        LongAdder commits = new LongAdder();
        this.jdbiStore = new JdbiStore(
                jdbi,
                pool,
                file.toString(),
                WriteTransactions.counted(WriteTransactions.beginningWith("BEGIN IMMEDIATE"), commits),
                pool);
        this.store = new SqliteStore(file, jdbiStore, this);
        this.usage = new JdbiUsageLedger(jdbi, pool);
        this.rateLimits = new JdbiRateLimits(jdbi);
        this.schedules = new JdbiScheduleStore(jdbi);
        this.tokens = new JdbiTokenStore(jdbi);
        this.overview = new JdbiOverview(jdbi);
        this.checkpointer = WalCheckpointer.start(sqlite, CHECKPOINT_INTERVAL, commits::sum, "baton-sqlite-checkpoint");
    }

    /**
     * Opens the database in {@code dbFile}, creating the file and its folders if needed and
     * bringing its schema up to date.
     *
     * @throws StoreException when the folder cannot be created or the file cannot be opened
     */
    public static SqliteDatabase open(Path dbFile) {
        Path file = dbFile.toAbsolutePath().normalize();
        try {
            Files.createDirectories(file.getParent());
        } catch (IOException e) {
            throw new StoreException("could not create the folder " + file.getParent() + " for the database: " + e, e);
        }
        try {
            // before SQLite creates it: SQLite gives its WAL and shared-memory files the database's mode
            PrivateFiles.file(file);
        } catch (IOException e) {
            throw new StoreException(
                    "could not make the database " + file + " readable by its owner only: " + e
                            + "; check that the folder is yours and writable",
                    e);
        }
        SQLiteDataSource sqlite = dataSource(file);
        migrate(file, sqlite);
        return new SqliteDatabase(file, pool(file, sqlite), sqlite);
    }

    /** The database file. */
    public Path file() {
        return store.file();
    }

    @Override
    public SqliteStore store() {
        return store;
    }

    @Override
    public UsageLedger usage() {
        return usage;
    }

    @Override
    public RateLimits rateLimits() {
        return rateLimits;
    }

    @Override
    public ScheduleStore schedules() {
        return schedules;
    }

    @Override
    public TokenStore tokens() {
        return tokens;
    }

    @Override
    public Overview overview() {
        return overview;
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

    /** Closes the ports' connections once; closing again does nothing. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) return;
        checkpointer.close();
        jdbiStore.close();
    }

    @Override
    public String toString() {
        return "SqliteDatabase[" + file() + "]";
    }
}
