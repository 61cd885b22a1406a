package dev.baton.server.events;

import dev.baton.core.Event;
import dev.baton.server.JsonSupport;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An event as clients see it: {@code {"id", "at", "type", "task_id", "run_id", "data"}}. The text of
 * recent events is kept, so an event sent to a hundred clients is written as JSON once.
 */
public final class EventJson {
    private static final int KEEP = 20_000;
    private static final ConcurrentHashMap<Long, String> RECENT = new ConcurrentHashMap<>();

    private EventJson() {}

    /** The JSON text of a stored event, from the cache when another client had it. */
    public static String text(Event e) {
        String text = RECENT.get(e.id());
        if (text != null) return text;
        text = write(e);
        RECENT.put(e.id(), text);
        if (RECENT.size() > KEEP) {
            long oldest = e.id() - KEEP / 2;
            RECENT.keySet().removeIf(id -> id < oldest);
        }
        return text;
    }

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
