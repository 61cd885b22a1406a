package dev.baton.view;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.baton.core.Event;
import java.util.Map;

/** An event as clients see it: in {@code /api/tasks/ID/events}, and as the payload of SSE and WebSocket messages. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record EventView(long id, String at, String type, String taskId, String runId, Map<String, Object> data) {
    public static EventView of(Event e) {
        return new EventView(
                e.id(),
                e.at().toString(),
                e.type(),
                e.taskId() == null ? null : e.taskId().value(),
                e.runId() == null ? null : e.runId().value(),
                e.data());
    }
}
