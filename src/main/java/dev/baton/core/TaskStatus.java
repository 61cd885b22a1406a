package dev.baton.core;

import java.util.Arrays;
import java.util.Locale;

/** Where a task stands. The allowed moves between them are in {@link TaskTransitions}. */
public enum TaskStatus {
    QUEUED,
    WAITING_APPROVAL,
    ROUTED,
    RUNNING,
    VERIFYING,
    RETRYING,
    COMPLETED,
    FAILED,
    CANCELLED;

    public boolean isTerminal() {
        return this == COMPLETED || this == FAILED || this == CANCELLED;
    }

    /** True while an agent process may be alive for the task. */
    public boolean isActive() {
        return this == ROUTED || this == RUNNING || this == VERIFYING;
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static TaskStatus fromWire(String name) {
        return Arrays.stream(values())
                .filter(s -> s.wireName().equals(name))
                .findFirst()
                .orElseThrow(() -> new InvalidInputException("unknown task status '" + name + "'; expected one of "
                        + Arrays.stream(values()).map(TaskStatus::wireName).toList()));
    }
}
