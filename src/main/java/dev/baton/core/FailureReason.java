package dev.baton.core;

import java.util.Arrays;
import java.util.Locale;

/** Why a run or task failed. Transient reasons are retried by default; permanent ones are not. */
public enum FailureReason {
    /** The agent process exited with a non-zero code. */
    EXIT_CODE(false),
    TIMED_OUT(false),
    /** The run's process disappeared without leaving an exit code (machine or Baton crash). */
    LOST(true),
    CANCELLED(false),
    DEPENDENCY_FAILED(false),
    WORKSPACE_ERROR(false),
    LAUNCH_ERROR(true),
    BINARY_MISSING(false),
    AUTH_MISSING(false),
    RATE_LIMITED(true),
    API_ERROR(true),
    AGENT_CRASHED(true),
    STALLED(true),
    PERMISSION_DENIED(false),
    /** The agent finished but the task's verify commands failed, after every attempt allowed. */
    VERIFY_FAILED(false),
    /** A person rejected the task (or its approval expired). */
    REJECTED(false),
    /** The command policy refuses what the task would run. */
    POLICY_REFUSED(false),
    NO_AGENT(false);

    private final boolean transientFailure;

    FailureReason(boolean transientFailure) {
        this.transientFailure = transientFailure;
    }

    public boolean isTransient() {
        return transientFailure;
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static FailureReason fromWire(String name) {
        return Arrays.stream(values())
                .filter(r -> r.wireName().equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown failure reason " + name));
    }
}
