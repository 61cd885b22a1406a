package dev.baton.testing.model;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** Writes Server-Sent Events and JSON responses for the protocol handlers. Not thread-safe. */
public final class Sse implements AutoCloseable {
    public static final ObjectMapper JSON = new ObjectMapper();
    private final OutputStream out;

    private Sse(OutputStream out) {
        this.out = out;
    }

    /** Starts a 200 text/event-stream response. */
    public static Sse open(HttpExchange exchange) throws IOException {
        exchange.getResponseHeaders().add("content-type", "text/event-stream");
        exchange.getResponseHeaders().add("cache-control", "no-cache");
        exchange.sendResponseHeaders(200, 0);
        return new Sse(exchange.getResponseBody());
    }

    /** An event with a name ({@code event:} line) and a JSON data line. */
    public Sse event(String name, Object data) throws IOException {
        String text = (name == null ? "" : "event: " + name + "\n") + "data: " + JSON.writeValueAsString(data) + "\n\n";
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
        return this;
    }

    /** A raw data line, such as OpenAI's {@code [DONE]}. */
    public Sse data(String raw) throws IOException {
        out.write(("data: " + raw + "\n\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
        return this;
    }

    public static void json(HttpExchange exchange, int status, Object body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().add("content-type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** Reads the request body as text (and keeps it in the script's record). */
    public static String body(HttpExchange exchange, Script script) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        script.record(exchange.getRequestURI() + " " + body);
        return body;
    }

    /** Waits the turn's delay, or forever for a hang (until the server stops). */
    public static void pause(Turn turn) {
        try {
            if (turn.hang()) Thread.sleep(Long.MAX_VALUE);
            if (!turn.delay().isZero()) Thread.sleep(turn.delay());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
