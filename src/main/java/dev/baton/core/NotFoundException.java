package dev.baton.core;

/** A task, run or other record that was asked for by id does not exist. */
public final class NotFoundException extends BatonException {
    public NotFoundException(String message) {
        super(message, false);
    }

    public static NotFoundException task(TaskId id) {
        return new NotFoundException("no task with id '" + id + "'; 'baton ls' lists the tasks there are");
    }

    public static NotFoundException decision(DecisionId id) {
        return new NotFoundException("no decision with id '" + id + "'; 'baton decisions' lists the pending ones");
    }
}
