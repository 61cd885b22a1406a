package dev.baton.server;

import dev.baton.core.TaskStatus;
import dev.baton.store.LocalDatabase;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;

/**
 * The few queries the server needs that the {@link dev.baton.store.Store} port does not offer
 * (counts, the newest event id, recent run ids) and the token table. Portable SQL; the schema is
 * created by the store's migrations, which have run by the time a {@code Baton} is open.
 * Thread-safe.
 */
public final class HomeDatabase {
    private final Jdbi jdbi;

    private HomeDatabase(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** On the home's pooled connections (the Baton's {@link LocalDatabase}), not one per query. */
    public static HomeDatabase on(LocalDatabase database) {
        return new HomeDatabase(database.jdbi());
    }

    public Jdbi jdbi() {
        return jdbi;
    }

    /** The id of the newest event, 0 when there is none. */
    public long latestEventId() {
        return jdbi.withHandle(h -> h.createQuery("SELECT COALESCE(MAX(id), 0) FROM events")
                .mapTo(Long.class)
                .one());
    }

    /** How many tasks are in each status (every status present, zero when none). */
    public Map<TaskStatus, Long> taskCounts() {
        Map<TaskStatus, Long> counts = new EnumMap<>(TaskStatus.class);
        for (TaskStatus s : TaskStatus.values()) counts.put(s, 0L);
        jdbi.useHandle(h -> h.createQuery("SELECT status, COUNT(*) AS n FROM tasks GROUP BY status")
                .map((rs, ctx) -> Map.entry(rs.getString("status"), rs.getLong("n")))
                .forEach(e -> counts.put(TaskStatus.fromWire(e.getKey()), e.getValue())));
        return counts;
    }

    /** Ids of the runs started at or after {@code since}, oldest first, at most {@code limit}. */
    public List<String> runIdsStartedSince(Instant since, int limit) {
        return jdbi.withHandle(h -> h.createQuery(
                        "SELECT id FROM runs WHERE started_at >= :since ORDER BY started_at, id LIMIT :limit")
                .bind("since", since.toEpochMilli())
                .bind("limit", limit)
                .mapTo(String.class)
                .list());
    }
}
