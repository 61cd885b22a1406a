package dev.baton.core;

/** A state change that the task state machine does not allow. */
public final class IllegalTransitionException extends BatonException {
    private final TaskStatus from;
    private final TaskStatus to;

    public IllegalTransitionException(TaskId task, TaskStatus from, TaskStatus to) {
        super("task " + task + " cannot go from " + from.wireName() + " to " + to.wireName(), false);
        this.from = from;
        this.to = to;
    }

    public TaskStatus from() {
        return from;
    }

    public TaskStatus to() {
        return to;
    }
}
