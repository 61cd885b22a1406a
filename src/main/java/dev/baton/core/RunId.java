package dev.baton.core;

import java.util.Objects;
import java.util.regex.Pattern;

/** A run's id: the task id and the attempt number, as in {@code t-3f9a1c.2}. */
public record RunId(String value) {
    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,79}\\.\\d{1,4}");

    public RunId {
        Objects.requireNonNull(value, "value");
        if (!VALID.matcher(value).matches()) {
            throw new InvalidInputException("'" + value + "' is not a run id; run ids look like t-3f9a1c.1");
        }
    }

    public static RunId of(TaskId task, int attempt) {
        return new RunId(task.value() + "." + attempt);
    }

    public TaskId taskId() {
        return new TaskId(value.substring(0, value.lastIndexOf('.')));
    }

    @Override
    public String toString() {
        return value;
    }
}
