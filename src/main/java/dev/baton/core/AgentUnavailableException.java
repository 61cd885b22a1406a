package dev.baton.core;

/** An agent cannot be started for a reason known before launch (its binary or credentials are missing). */
public final class AgentUnavailableException extends BatonException {
    private final FailureReason reason;

    public AgentUnavailableException(FailureReason reason, String message) {
        super(message, reason.isTransient());
        this.reason = reason;
    }

    public FailureReason reason() {
        return reason;
    }
}
