package dev.baton.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import org.jdbi.v3.core.Jdbi;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * A small connection pool and JDBI on the home's SQLite file, for the tables beside the {@link
 * Store} port (usage ledger, rate limits, schedules) and the server's own queries and tokens. The schema is the store's: open the {@link
 * SqliteStore} first so its migrations have run. Thread-safe; close it to release its connections.
 */
public final class LocalDatabase implements AutoCloseable {
    static {
        // Before any connection loads the driver's native library (see SqliteNativeLibrary).
        SqliteNativeLibrary.placeOnce();
    }

    private final HikariDataSource pool;
    private final Jdbi jdbi;

    private LocalDatabase(HikariDataSource pool) {
        this.pool = pool;
        this.jdbi = Jdbi.create(pool);
    }

    public static LocalDatabase open(Path dbFile) {
        SQLiteConfig config = new SQLiteConfig();
        config.setBusyTimeout((int) SqliteStore.BUSY_TIMEOUT.toMillis());
        // As the store's connections: in WAL mode NORMAL syncs at checkpoints, not at every commit
        // (SQLite's default, FULL, would sync the log for every ledger row, once per finished run).
        config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
        SQLiteDataSource source = new SQLiteDataSource(config);
        source.setUrl("jdbc:sqlite:" + dbFile.toAbsolutePath());
        HikariConfig hikari = new HikariConfig();
        hikari.setDataSource(source);
        hikari.setPoolName("baton-sqlite-tables");
        hikari.setMaximumPoolSize(4);
        hikari.setMinimumIdle(0);
        return new LocalDatabase(new HikariDataSource(hikari));
    }

    public Jdbi jdbi() {
        return jdbi;
    }

    /** The pool itself, for a hot write where a Jdbi handle would cost more than the statement. */
    public javax.sql.DataSource dataSource() {
        return pool;
    }

    @Override
    public void close() {
        pool.close();
    }
}
