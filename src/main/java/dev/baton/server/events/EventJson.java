package dev.baton.server.events;

import dev.baton.core.Event;
import dev.baton.server.JsonSupport;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An event as clients see it: {@code {"id", "at", "type", "task_id", "run_id", "data"}}. An instance
 * keeps the text of one log's recent events, so an event sent to a hundred clients is written as
 * JSON once (ids are per home: one instance per {@link EventHub}). Thread-safe.
 */
public final class EventJson {
    private static final int KEEP = 20_000;
    private final ConcurrentHashMap<Long, String> recent = new ConcurrentHashMap<>();

    /** The JSON text of a stored event, from the cache when another client had it. */
    public String text(Event e) {
        String text = recent.get(e.id());
        if (text != null) return text;
        text = write(e);
        recent.put(e.id(), text);
        if (recent.size() > KEEP) {
            long oldest = e.id() - KEEP / 2;
            recent.keySet().removeIf(id -> id < oldest);
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
