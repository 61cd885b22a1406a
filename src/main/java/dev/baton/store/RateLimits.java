package dev.baton.store;

import java.time.Instant;
import java.util.Map;

/**
 * Agents that are rate-limited and until when, kept in the database so a limit outlives a restart
 * of Baton. A limit that has passed is simply ignored. Implementations are thread-safe.
 */
public interface RateLimits {
    /** A limit on one agent. */
    record Limit(String agent, Instant until, String detail) {}

    /** Limits the agent until {@code until}; a later call replaces the agent's earlier limit. */
    void limit(String agent, Instant until, String detail, Instant now);

    /**
     * The limits still in force at {@code now} (ending after it), by agent: this instance's own at
     * once, other instances' (other processes on the database) within about a second, since the
     * dispatcher asks on every pass.
     */
    Map<String, Limit> activeAt(Instant now);
}
