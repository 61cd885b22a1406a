package dev.baton.core;

/** A new task was given the id of a task that already exists. */
public final class DuplicateTaskIdException extends InvalidInputException {
    private final TaskId id;

    public DuplicateTaskIdException(TaskId id) {
        super("a task with id " + id + " already exists; choose another id, or leave the id out to get a new one");
        this.id = id;
    }

    public TaskId id() {
        return id;
    }
}
