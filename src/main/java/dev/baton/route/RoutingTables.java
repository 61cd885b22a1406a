package dev.baton.route;

import dev.baton.store.Database;
import dev.baton.store.RateLimits;
import dev.baton.store.ScheduleStore;
import dev.baton.store.UsageLedger;

/**
 * The tables routing keeps beside the store: the usage ledger, rate limits and schedules. They
 * belong to the home's {@link Database}, which closes them.
 */
public record RoutingTables(UsageLedger ledger, RateLimits rateLimits, ScheduleStore schedules) {
    /** The tables of an open database. */
    public static RoutingTables on(Database database) {
        return new RoutingTables(database.usage(), database.rateLimits(), database.schedules());
    }
}
