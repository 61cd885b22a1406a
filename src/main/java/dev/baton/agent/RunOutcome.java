package dev.baton.agent;

import dev.baton.core.FailureReason;

/**
 * How a finished agent process went, as its adapter reads it.
 *
 * @param reason null on success
 * @param summary the agent's final answer, or the last lines of its output
 */
public record RunOutcome(FailureReason reason, String detail, String summary) {
    public static RunOutcome success(String summary) {
        return new RunOutcome(null, null, summary);
    }

    public static RunOutcome failure(FailureReason reason, String detail, String summary) {
        return new RunOutcome(reason, detail, summary);
    }

    public boolean succeeded() {
        return reason == null;
    }
}
