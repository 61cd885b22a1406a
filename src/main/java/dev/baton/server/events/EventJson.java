package dev.baton.server.events;

import dev.baton.core.Event;
import dev.baton.server.JsonSupport;
import java.util.LinkedHashMap;
import java.util.Map;

/** An event as clients see it: {@code {"id", "at", "type", "task_id", "run_id", "data"}}. */
public final class EventJson {
    private EventJson() {}

    public static Map<String, Object> of(Event e) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", e.id());
        out.put("at", e.at().toString());
        out.put("type", e.type());
        out.put("task_id", e.taskId() == null ? null : e.taskId().value());
        out.put("run_id", e.runId() == null ? null : e.runId().value());
        out.put("data", e.data());
        return out;
    }

    public static String write(Event e) {
        return JsonSupport.write(of(e));
    }
}
