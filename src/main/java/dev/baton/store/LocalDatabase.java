package dev.baton.store;

import java.nio.file.Path;
import org.jdbi.v3.core.Jdbi;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * A plain JDBI handle on the home's SQLite file, for the small tables beside the {@link Store} port
 * (usage ledger, rate limits, schedules). The schema is the store's: open the {@link SqliteStore}
 * first so its migrations have run. Thread-safe.
 */
public final class LocalDatabase {
    private LocalDatabase() {}

    public static Jdbi open(Path dbFile) {
        SQLiteConfig config = new SQLiteConfig();
        config.setBusyTimeout((int) SqliteStore.BUSY_TIMEOUT.toMillis());
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        SQLiteDataSource source = new SQLiteDataSource(config);
        source.setUrl("jdbc:sqlite:" + dbFile.toAbsolutePath());
        return Jdbi.create(source);
    }
}
