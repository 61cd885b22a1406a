package dev.baton.store.internal;

import dev.baton.store.RateLimits;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;

/**
 * The {@link RateLimits} in an {@code agent_rate_limits} table, in portable SQL. Every limit is
 * read at most once a second and forgotten when this instance sets one. Thread-safe.
 */
public final class JdbiRateLimits implements RateLimits {
    /** How long the limits read from the table are trusted: other processes on the database set limits too. */
    private static final long READ_TTL_NANOS = 1_000_000_000L;

    private final Jdbi jdbi;
    /** Every limit as last read, in force or not; null when this process has set one since. Guarded by this. */
    private List<Limit> read;

    private long readAt;

    public JdbiRateLimits(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
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

    @Override
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
