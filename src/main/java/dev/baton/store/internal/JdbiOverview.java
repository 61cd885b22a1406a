package dev.baton.store.internal;

import dev.baton.core.RunId;
import dev.baton.core.TaskStatus;
import dev.baton.store.Overview;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;

/** The {@link Overview} in portable SQL over the store's tables. Thread-safe. */
public final class JdbiOverview implements Overview {
    private final Jdbi jdbi;

    public JdbiOverview(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public long latestEventId() {
        return jdbi.withHandle(h -> h.createQuery("SELECT COALESCE(MAX(id), 0) FROM events")
                .mapTo(Long.class)
                .one());
    }

    @Override
    public Map<TaskStatus, Long> taskCounts() {
        Map<TaskStatus, Long> counts = new EnumMap<>(TaskStatus.class);
        for (TaskStatus s : TaskStatus.values()) counts.put(s, 0L);
        jdbi.useHandle(h -> h.createQuery("SELECT status, COUNT(*) AS n FROM tasks GROUP BY status")
                .map((rs, ctx) -> Map.entry(rs.getString("status"), rs.getLong("n")))
                .forEach(e -> counts.put(TaskStatus.fromWire(e.getKey()), e.getValue())));
        return counts;
    }

    @Override
    public List<RunId> runsStartedSince(Instant since, int limit) {
        return jdbi.withHandle(h -> h.createQuery(
                        "SELECT id FROM runs WHERE started_at >= :since ORDER BY started_at, id LIMIT :limit")
                .bind("since", since.toEpochMilli())
                .bind("limit", limit)
                .map((rs, ctx) -> new RunId(rs.getString("id")))
                .list());
    }
}
