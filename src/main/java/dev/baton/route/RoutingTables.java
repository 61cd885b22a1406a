package dev.baton.route;

import dev.baton.store.LocalDatabase;
import dev.baton.store.RateLimits;
import dev.baton.store.ScheduleStore;
import dev.baton.store.UsageLedger;
import java.nio.file.Path;
import org.jdbi.v3.core.Jdbi;

/**
 * The tables routing keeps beside the store: the usage ledger, rate limits and schedules.
 *
 * @param database the connections they share, closed by {@link #close()}
 */
public record RoutingTables(UsageLedger ledger, RateLimits rateLimits, ScheduleStore schedules, LocalDatabase database)
        implements AutoCloseable {
    /** The tables in the home's database (open the store first: its migrations create them). */
    public static RoutingTables open(Path dbFile) {
        LocalDatabase database = LocalDatabase.open(dbFile);
        Jdbi jdbi = database.jdbi();
        return new RoutingTables(
                new UsageLedger(jdbi, database.dataSource()), new RateLimits(jdbi), new ScheduleStore(jdbi), database);
    }

    @Override
    public void close() {
        database.close();
    }
}
