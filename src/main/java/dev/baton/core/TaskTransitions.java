package dev.baton.core;

import static dev.baton.core.TaskStatus.CANCELLED;
import static dev.baton.core.TaskStatus.COMPLETED;
import static dev.baton.core.TaskStatus.FAILED;
import static dev.baton.core.TaskStatus.QUEUED;
import static dev.baton.core.TaskStatus.RETRYING;
import static dev.baton.core.TaskStatus.ROUTED;
import static dev.baton.core.TaskStatus.RUNNING;
import static dev.baton.core.TaskStatus.VERIFYING;
import static dev.baton.core.TaskStatus.WAITING_APPROVAL;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/** The one table of allowed task state changes. Anything not listed here is illegal. */
public final class TaskTransitions {
    private static final Map<TaskStatus, Set<TaskStatus>> ALLOWED = new EnumMap<>(TaskStatus.class);

    static {
        ALLOWED.put(QUEUED, EnumSet.of(WAITING_APPROVAL, ROUTED, FAILED, CANCELLED));
        ALLOWED.put(WAITING_APPROVAL, EnumSet.of(QUEUED, ROUTED, FAILED, CANCELLED));
        ALLOWED.put(ROUTED, EnumSet.of(RUNNING, RETRYING, FAILED, CANCELLED));
        ALLOWED.put(RUNNING, EnumSet.of(VERIFYING, COMPLETED, RETRYING, FAILED, CANCELLED));
        ALLOWED.put(VERIFYING, EnumSet.of(COMPLETED, RETRYING, FAILED, CANCELLED));
        ALLOWED.put(RETRYING, EnumSet.of(QUEUED, FAILED, CANCELLED));
        // A finished task goes back to the queue only through an explicit retry by a person.
        ALLOWED.put(COMPLETED, EnumSet.noneOf(TaskStatus.class));
        ALLOWED.put(FAILED, EnumSet.of(QUEUED));
        ALLOWED.put(CANCELLED, EnumSet.of(QUEUED));
    }

    private TaskTransitions() {}

    public static boolean isAllowed(TaskStatus from, TaskStatus to) {
        return ALLOWED.get(from).contains(to);
    }

    public static Set<TaskStatus> allowedFrom(TaskStatus from) {
        return Set.copyOf(ALLOWED.get(from));
    }

    /** Throws {@link IllegalTransitionException} unless the move is in the table. */
    public static void check(TaskId task, TaskStatus from, TaskStatus to) {
        if (!isAllowed(from, to)) {
            throw new IllegalTransitionException(task, from, to);
        }
    }
}
