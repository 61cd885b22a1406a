package dev.baton.server.events;

import dev.baton.core.Event;
import dev.baton.core.TaskId;
import dev.baton.server.ApiError;
import java.util.List;
import java.util.Set;

/**
 * Which events a client wants: all, one task's, and/or some types ({@code task.*} matches every
 * type that starts with {@code task.}).
 *
 * @param task null for every task
 * @param types empty for every type
 */
public record EventFilter(TaskId task, Set<String> types) {
    public static final EventFilter ALL = new EventFilter(null, Set.of());

    public EventFilter {
        types = Set.copyOf(types);
    }

    /** From the query parameters {@code task} and {@code types} (comma-separated). */
    public static EventFilter parse(String task, String types) {
        TaskId id = null;
        if (task != null && !task.isBlank()) {
            try {
                id = TaskId.of(task.strip());
            } catch (RuntimeException e) {
                throw ApiError.badRequest("task: " + e.getMessage());
            }
        }
        if (types == null || types.isBlank()) return new EventFilter(id, Set.of());
        List<String> names = List.of(types.split(","));
        if (names.size() > 50) throw ApiError.badRequest("types: at most 50 event types");
        for (String name : names) {
            if (!name.strip().matches("[a-z_]{1,32}(\\.([a-z_]{1,32}|\\*))?")) {
                throw ApiError.badRequest("types: '" + name + "' is not an event type such as task.created or task.*");
            }
        }
        return new EventFilter(id, Set.copyOf(names.stream().map(String::strip).toList()));
    }

    public boolean matches(Event event) {
        if (task != null && !task.equals(event.taskId())) return false;
        if (types.isEmpty() || types.contains(event.type())) return true;
        int dot = event.type().indexOf('.');
        return dot > 0 && types.contains(event.type().substring(0, dot) + ".*");
    }
}
