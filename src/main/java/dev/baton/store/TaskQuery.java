package dev.baton.store;

import dev.baton.core.TaskStatus;
import java.util.Set;

/** A filter for {@link Store#listTasks}: empty statuses means all; limit caps the result. */
public record TaskQuery(Set<TaskStatus> statuses, int limit) {
    public static final TaskQuery ALL = new TaskQuery(Set.of(), 10_000);

    public TaskQuery {
        statuses = Set.copyOf(statuses);
        if (limit < 1) throw new IllegalArgumentException("limit must be positive");
    }
}
