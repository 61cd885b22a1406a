package dev.baton.store;

/**
 * A home's database, opened once: one set of connections, the schema brought up to date once, and
 * the narrow ports on it. The ports live as long as the database; closing it (or its {@link
 * #store()}) closes them all. Implementations are thread-safe, and several instances — in several
 * processes — may be open on the same database.
 */
public interface Database extends AutoCloseable {
    /** Tasks, runs, decisions and events. */
    Store store();

    /** One row per finished run, for routing and usage reports. */
    UsageLedger usage();

    RateLimits rateLimits();

    ScheduleStore schedules();

    /** API tokens for the server. */
    TokenStore tokens();

    /** Counts and windows over the whole home, for the server. */
    Overview overview();

    @Override
    void close();
}
