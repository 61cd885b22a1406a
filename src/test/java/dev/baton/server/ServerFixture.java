package dev.baton.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.server.auth.ApiTokens;
import dev.baton.server.auth.Scope;
import dev.baton.testing.TestBaton;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

/** A real Baton (command agent, fast engine) on a temp home, served on a free port, with an HTTP client. */
final class ServerFixture implements AutoCloseable {
    final TestBaton baton;
    final BatonServer server;
    final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    String token;

    ServerFixture(Path home) {
        this(home, ServerConfig.defaults().withPort(0));
    }

    ServerFixture(Path home, ServerConfig config) {
        this(home, config, true);
    }

    ServerFixture(Path home, ServerConfig config, boolean engine) {
        this.baton = new TestBaton(home, 4, 4);
        if (engine) baton.start();
        this.server =
                BatonServer.start(baton.baton, engine ? EngineControl.of(baton.engine) : EngineControl.NONE, config);
    }

    /** Creates a token in this home (before the server checks it). */
    static String createToken(Path home, Scope scope) {
        try (var b = dev.baton.Baton.open(
                new dev.baton.core.BatonHome(home),
                dev.baton.engine.EngineConfig.defaults(),
                dev.baton.agent.AgentRegistry.commandOnly(1))) {
            return new ApiTokens(b.tokens(), Clock.systemUTC())
                    .create("test", scope)
                    .secret();
        }
    }

    String base() {
        return "http://127.0.0.1:" + server.port();
    }

    HttpRequest.Builder request(String path) {
        HttpRequest.Builder b =
                HttpRequest.newBuilder(URI.create(base() + path)).timeout(Duration.ofSeconds(30));
        if (token != null) b.header("Authorization", "Bearer " + token);
        return b;
    }

    Response get(String path) {
        return send(request(path).GET().build());
    }

    Response post(String path, String json) {
        return send(request(path)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build());
    }

    Response send(HttpRequest request) {
        try {
            HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new Response(r.statusCode(), r.body(), r);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    record Response(int status, String body, HttpResponse<String> raw) {
        JsonNode json() {
            try {
                return JsonSupport.MAPPER.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON (" + status + "): " + body, e);
            }
        }

        /** The {"error": ...} message, checking the shape. */
        String error() {
            JsonNode node = json();
            if (!node.has("error") || node.size() != 1) throw new AssertionError("not an error body: " + body);
            return node.get("error").asText();
        }
    }

    /** Waits until the task reaches the status (polling the API). */
    JsonNode awaitStatus(String taskId, String status) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        JsonNode task = null;
        while (System.nanoTime() < deadline) {
            task = get("/api/tasks/" + taskId).json();
            if (task.get("status").asText().equals(status)) return task;
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new AssertionError("task " + taskId + " did not become " + status + ": " + task);
    }

    /** Lets runs that tests started finish first, so no agent writes into the home while it is deleted. */
    @Override
    public void close() {
        server.close();
        if (baton.engine != null) {
            try {
                baton.engine.awaitIdle(java.time.Duration.ofSeconds(20));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        baton.close();
    }
}
