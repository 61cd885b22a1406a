package dev.baton.agent;

import dev.baton.core.FailureReason;

/**
 * Whether an agent can take work now, and why not.
 *
 * @param failure the failure a task naming this agent gets while it is offline, or null
 * @param version what the binary said of its version, or null
 * @param fix what the user can do about it, or null when it is available
 */
public record AgentHealth(Status status, FailureReason failure, String version, String reason, String fix) {
    public enum Status {
        AVAILABLE,
        LIMITED,
        OFFLINE;

        public String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public static AgentHealth available(String version) {
        return new AgentHealth(Status.AVAILABLE, null, version, "ready", null);
    }

    public static AgentHealth offline(FailureReason failure, String version, String reason, String fix) {
        return new AgentHealth(Status.OFFLINE, failure, version, reason, fix);
    }

    public boolean usable() {
        return status == Status.AVAILABLE;
    }
}
