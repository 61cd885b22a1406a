package dev.baton.server.events;

import dev.baton.core.Event;
import io.javalin.websocket.WsConfig;
import io.javalin.websocket.WsContext;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.websocket.api.Callback;

/**
 * {@code /ws}: the same events as {@link SseEndpoint}. Each text message carries one or more events,
 * one JSON object per line ({@code \n}-separated, in id order; the JSON itself never contains a
 * raw newline): the events pending for a client go out as one message. Resumes
 * after {@code ?after=} (or a {@code Last-Event-ID} header); filters {@code ?task=} and
 * {@code ?types=}. A virtual thread per connection writes, waiting for each send to complete so a
 * slow client slows only itself.
 */
public final class WebSocketEndpoint {
    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(10);

    private final EventHub hub;
    private final Map<String, Thread> writers = new ConcurrentHashMap<>();
    private final AtomicInteger clients = new AtomicInteger();

    public WebSocketEndpoint(EventHub hub) {
        this.hub = hub;
    }

    public int clients() {
        return clients.get();
    }

    public void configure(WsConfig ws) {
        ws.onConnect(ctx -> {
            long after = ResumePoint.parse(ctx.header("Last-Event-ID"), ctx.queryParam("after"), hub.lastId());
            EventFilter filter = EventFilter.parse(ctx.queryParam("task"), ctx.queryParam("types"));
            ctx.session.setIdleTimeout(Duration.ofMinutes(5));
            clients.incrementAndGet();
            Thread writer =
                    Thread.ofVirtual().name("baton-ws-" + ctx.sessionId()).start(() -> write(ctx, after, filter));
            writers.put(ctx.sessionId(), writer);
        });
        ws.onClose(ctx -> stop(ctx.sessionId()));
        ws.onError(ctx -> stop(ctx.sessionId()));
    }

    private void stop(String session) {
        Thread writer = writers.remove(session);
        if (writer != null) writer.interrupt();
    }

    private void write(WsContext ctx, long after, EventFilter filter) {
        try {
            hub.stream(after, filter, new EventSink() {
                @Override
                public void send(List<Event> events) throws IOException {
                    // Everything pending for this client in one message, one event per line.
                    StringBuilder message = new StringBuilder(events.size() * 256);
                    for (Event e : events) {
                        if (!message.isEmpty()) message.append('\n');
                        message.append(hub.text(e));
                    }
                    Callback.Completable done = new Callback.Completable();
                    ctx.session.sendText(message.toString(), done);
                    await(done);
                }

                @Override
                public void heartbeat() throws IOException {
                    Callback.Completable done = new Callback.Completable();
                    ctx.session.sendPing(java.nio.ByteBuffer.allocate(0), done);
                    await(done);
                }
            });
        } catch (IOException | InterruptedException | RuntimeException gone) {
            // closed by the client or the server
        } finally {
            clients.decrementAndGet();
            writers.remove(ctx.sessionId());
            if (ctx.session.isOpen()) ctx.closeSession(1001, "stream ended; reconnect with ?after=LAST_ID");
        }
    }

    private static void await(Callback.Completable done) throws IOException {
        try {
            done.get(SEND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } catch (Exception e) {
            throw new IOException("send failed", e);
        }
    }
}
