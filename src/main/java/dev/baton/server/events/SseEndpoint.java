package dev.baton.server.events;

import dev.baton.core.Event;
import io.javalin.http.Context;
import jakarta.servlet.ServletOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code GET /api/events}: Server-Sent Events, one {@code id/event/data} record per Baton event.
 * Resumes after {@code Last-Event-ID} (browsers send it when they reconnect) or {@code ?after=};
 * without either, only new events. Filters: {@code ?task=ID}, {@code ?types=task.*,run.output}.
 * The handler holds its (virtual) thread for the life of the connection.
 */
public final class SseEndpoint {
    private final EventHub hub;
    private final AtomicInteger clients = new AtomicInteger();

    public SseEndpoint(EventHub hub) {
        this.hub = hub;
    }

    public int clients() {
        return clients.get();
    }

    public void handle(Context ctx) throws IOException, InterruptedException {
        long after = ResumePoint.parse(ctx.header("Last-Event-ID"), ctx.queryParam("after"), hub.lastId());
        EventFilter filter = EventFilter.parse(ctx.queryParam("task"), ctx.queryParam("types"));
        var response = ctx.res();
        response.setStatus(200);
        response.setContentType("text/event-stream");
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Cache-Control", "no-cache");
        response.setHeader("X-Accel-Buffering", "no");
        ServletOutputStream out = response.getOutputStream();
        out.write(("retry: 1000\n: resuming after " + after + "\n\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
        clients.incrementAndGet();
        try {
            hub.stream(after, filter, new EventSink() {
                @Override
                public void send(List<Event> events) throws IOException {
                    // All the events pending for this client in one buffer: one write, one flush.
                    int size = 0;
                    byte[][] records = new byte[events.size()][];
                    for (int i = 0; i < records.length; i++) {
                        records[i] = hub.sseRecord(events.get(i));
                        size += records[i].length;
                    }
                    byte[] buffer = new byte[size];
                    int at = 0;
                    for (byte[] r : records) {
                        System.arraycopy(r, 0, buffer, at, r.length);
                        at += r.length;
                    }
                    out.write(buffer);
                    out.flush();
                }

                @Override
                public void heartbeat() throws IOException {
                    out.write(": keep-alive\n\n".getBytes(StandardCharsets.UTF_8));
                    out.flush();
                }
            });
        } catch (IOException gone) {
            // the client closed the connection; nothing to answer
        } finally {
            clients.decrementAndGet();
        }
    }
}
