package dev.baton.core;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One entry of the append-only event log. The id is assigned by the store and increases
 * monotonically; before it is stored it is 0.
 *
 * @param taskId the task the event is about, or null for engine-wide events
 * @param runId the run, or null
 * @param type a dotted name such as {@code task.created}; see {@link EventTypes}
 * @param data small structured details (never large output: that stays in run files)
 */
public record Event(long id, Instant at, TaskId taskId, RunId runId, String type, Map<String, Object> data) {
    public Event {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(type, "type");
        data = data == null ? Map.of() : Map.copyOf(data);
    }

    public static Event of(Instant at, TaskId task, RunId run, String type, Map<String, Object> data) {
        return new Event(0, at, task, run, type, data);
    }
}
