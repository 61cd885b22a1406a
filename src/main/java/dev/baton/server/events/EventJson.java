package dev.baton.server.events;

import dev.baton.core.Event;
import dev.baton.server.JsonSupport;
import dev.baton.view.EventView;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An event as clients see it ({@link EventView}) in JSON and as an SSE record. An instance
 * keeps the encodings of one log's recent events, so an event sent to a hundred clients is written
 * as JSON (and as an SSE record) once (ids are per home: one instance per {@link EventHub}).
 * Thread-safe.
 */
public final class EventJson {
    private static final int KEEP = 20_000;
    private final ConcurrentHashMap<Long, Encoded> recent = new ConcurrentHashMap<>();

    /** One event's JSON text, and its Server-Sent Events record ({@code id/event/data}) in UTF-8. */
    record Encoded(String json, byte[] sse) {}

    /** The JSON text of a stored event, from the cache when another client had it. */
    public String text(Event e) {
        return encoded(e).json();
    }

    /** The SSE record of a stored event, ending with its blank line; callers must not change it. */
    byte[] sse(Event e) {
        return encoded(e).sse();
    }

    private Encoded encoded(Event e) {
        Encoded known = recent.get(e.id());
        if (known != null) return known;
        String json = write(e);
        String record = "id: " + e.id() + "\nevent: " + e.type() + "\ndata: " + json + "\n\n";
        Encoded encoded = new Encoded(json, record.getBytes(StandardCharsets.UTF_8));
        recent.put(e.id(), encoded);
        if (recent.size() > KEEP) {
            long oldest = e.id() - KEEP / 2;
            recent.keySet().removeIf(id -> id < oldest);
        }
        return encoded;
    }

    public static String write(Event e) {
        return JsonSupport.write(EventView.of(e));
    }
}
