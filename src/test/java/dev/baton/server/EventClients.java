package dev.baton.server;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** Real SSE and WebSocket clients (java.net.http) that collect the events they receive. */
final class EventClients {
    private EventClients() {}

    /** A live stream of events as JSON. */
    abstract static class Client implements AutoCloseable {
        final BlockingQueue<JsonNode> events = new LinkedBlockingQueue<>();

        /** Waits for the next event that matches, returning the ones before it too. */
        List<JsonNode> awaitUntil(Predicate<JsonNode> last) throws InterruptedException {
            List<JsonNode> seen = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < deadline) {
                JsonNode e = events.poll(100, TimeUnit.MILLISECONDS);
                if (e == null) continue;
                seen.add(e);
                if (last.test(e)) return seen;
            }
            throw new AssertionError("no matching event; saw " + seen);
        }

        static JsonNode parse(String json) {
            try {
                return JsonSupport.MAPPER.readTree(json);
            } catch (IOException e) {
                throw new AssertionError(json, e);
            }
        }
    }

    static final class Sse extends Client {
        private final java.util.concurrent.CompletableFuture<?> response;
        final List<String> eventNames = new java.util.concurrent.CopyOnWriteArrayList<>();

        Sse(HttpClient http, String url, Map<String, String> headers) {
            HttpRequest.Builder request =
                    HttpRequest.newBuilder(URI.create(url)).GET();
            headers.forEach(request::header);
            // On a thread of its own: when the response is already there, thenAccept would read the
            // endless stream on the calling thread, and this constructor would never return.
            this.response = http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofLines())
                    .thenAcceptAsync(
                            r -> r.body().forEach(line -> {
                                if (line.startsWith("event: ")) eventNames.add(line.substring(7));
                                if (line.startsWith("data: ")) events.add(parse(line.substring(6)));
                            }),
                            command -> Thread.ofVirtual().name("sse-client").start(command));
        }

        @Override
        public void close() {
            response.cancel(true);
        }
    }

    /** A WebSocket client; each text message holds one or more events, one JSON object per line. */
    static final class Ws extends Client implements WebSocket.Listener {
        private final WebSocket socket;
        private final StringBuilder partial = new StringBuilder();
        /** Events per message, in arrival order. */
        final List<Integer> messageSizes = new java.util.concurrent.CopyOnWriteArrayList<>();

        Ws(HttpClient http, String url, Map<String, String> headers) {
            WebSocket.Builder builder = http.newWebSocketBuilder();
            headers.forEach(builder::header);
            this.socket = builder.buildAsync(URI.create(url), this).join();
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String[] lines = partial.toString().split("\n", -1);
                messageSizes.add(lines.length);
                for (String line : lines) events.add(parse(line));
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public void close() {
            socket.abort();
        }
    }
}
