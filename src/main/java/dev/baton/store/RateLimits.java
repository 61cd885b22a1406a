package dev.baton.store;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;

/**
 * Agents that are rate-limited and until when, kept in the database so a limit outlives a restart
 * of Baton. A limit that has passed is simply ignored. Thread-safe.
 */
public final class RateLimits {
    /** How long the limits read from the table are trusted: other processes on the database set limits too. */
    private static final long READ_TTL_NANOS = 1_000_000_000L;

    private final Jdbi jdbi;
    /** Every limit as last read, in force or not; null when this process has set one since. Guarded by this. */
    private List<Limit> read;

    private long readAt;

    public RateLimits(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** A limit on one agent. */
    public record Limit(String agent, Instant until, String detail) {}

    /** Limits the agent until {@code until}; a later limit replaces an earlier one. */
    public void limit(String agent, Instant until, String detail, Instant now) {
        jdbi.useHandle(h -> h.createUpdate("INSERT INTO agent_rate_limits (agent, limited_until, detail, set_at)"
                        + " VALUES (:agent, :until, :detail, :now) ON CONFLICT (agent) DO UPDATE SET"
                        + " limited_until = excluded.limited_until, detail = excluded.detail, set_at = excluded.set_at")
                .bind("agent", agent)
                .bind("until", until.toEpochMilli())
                .bind("detail", detail)
                .bind("now", now.toEpochMilli())
                .execute());
        forget(); // after the write: a read racing with it may have cached the old limits
    }

    private synchronized void forget() {
        read = null;
    }

    /**
     * The limits still in force at {@code now}, by agent: this process's own at once, other processes'
     * within a second (the dispatcher asks on every pass; the table is read at most once a second).
     */
    public Map<String, Limit> activeAt(Instant now) {
        Map<String, Limit> out = new LinkedHashMap<>();
        for (Limit limit : all()) {
            if (limit.until().isAfter(now)) out.put(limit.agent(), limit);
        }
        return out;
    }

    private synchronized List<Limit> all() {
        long now = System.nanoTime();
        if (read == null || now - readAt > READ_TTL_NANOS) {
            read = jdbi.withHandle(
                    h -> h.createQuery("SELECT agent, limited_until, detail FROM agent_rate_limits ORDER BY agent")
                            .map((rs, ctx) -> new Limit(
                                    rs.getString("agent"),
                                    Instant.ofEpochMilli(rs.getLong("limited_until")),
                                    rs.getString("detail")))
                            .list());
            readAt = now;
        }
        return read;
    }
}
