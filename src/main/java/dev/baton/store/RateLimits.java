package dev.baton.store;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;

/**
 * Agents that are rate-limited and until when, kept in the database so a limit outlives a restart
 * of Baton. A limit that has passed is simply ignored. Thread-safe.
 */
public final class RateLimits {
    private final Jdbi jdbi;

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
    }

    /** The limits still in force at {@code now}, by agent. */
    public Map<String, Limit> activeAt(Instant now) {
        Map<String, Limit> out = new LinkedHashMap<>();
        jdbi.useHandle(h -> h.createQuery("SELECT agent, limited_until, detail FROM agent_rate_limits"
                        + " WHERE limited_until > :now ORDER BY agent")
                .bind("now", now.toEpochMilli())
                .map((rs, ctx) -> new Limit(
                        rs.getString("agent"),
                        Instant.ofEpochMilli(rs.getLong("limited_until")),
                        rs.getString("detail")))
                .forEach(l -> out.put(l.agent(), l)));
        return out;
    }
}
