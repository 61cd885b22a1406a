package dev.baton.server.events;

import dev.baton.core.Event;
import java.io.IOException;
import java.util.List;

/** Where a subscriber's events go (an SSE response, a WebSocket). Called from one thread at a time. */
public interface EventSink {
    /** Writes the events (already filtered, in id order) as one write, and flushes once. */
    void send(List<Event> events) throws IOException;

    /** Keeps an idle connection open and finds clients that went away. */
    void heartbeat() throws IOException;
}
