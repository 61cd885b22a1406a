package dev.baton.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.server.BatonServer;
import dev.baton.server.EngineControl;
import dev.baton.server.ServerConfig;
import dev.baton.testing.GitRepos;
import dev.baton.testing.TestBaton;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One view of the data: {@code baton show ID --json} and {@code GET /api/tasks/ID} print the same document. */
class ShowAndApiAgreeTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void showJsonAndTheApiGiveEqualDocumentsForAFinishedTask() throws Exception {
        Path home = dir.resolve("home");
        Path repo = GitRepos.create(dir.resolve("repo"));
        try (TestBaton baton = new TestBaton(home, 2, 2)) {
            baton.start();
            BatonServer server = BatonServer.start(
                    baton.baton,
                    EngineControl.of(baton.engine),
                    ServerConfig.defaults().withPort(0));
            try {
                String base = "http://127.0.0.1:" + server.port();
                String body = JSON.createObjectNode()
                        .put("text", "echo built > out.txt")
                        .put("repo", repo.toString())
                        .put("agent", "command")
                        .toString();
                JsonNode added = JSON.readTree(send(HttpRequest.newBuilder(URI.create(base + "/api/tasks"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build()));
                String id = added.get("id").asText();
                JsonNode fromApi = awaitCompleted(base, id);

                var shown = new CliRunner(home).run("show", id, "--json");

                assertThat(shown.exitCode()).as(shown.err()).isZero();
                JsonNode fromCli = JSON.readTree(shown.out());
                assertThat(fromApi.get("runs")).hasSize(1);
                assertThat(fromApi.get("runs").get(0).get("status").asText()).isEqualTo("succeeded");
                assertThat(fromCli).isEqualTo(fromApi);
            } finally {
                server.close();
                baton.engine.awaitIdle(Duration.ofSeconds(20));
            }
        }
    }

    private JsonNode awaitCompleted(String base, String id) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        JsonNode task = null;
        while (System.nanoTime() < deadline) {
            task = JSON.readTree(send(HttpRequest.newBuilder(URI.create(base + "/api/tasks/" + id))
                    .GET()
                    .build()));
            if (task.get("status").asText().equals("completed")) return task;
            Thread.sleep(50);
        }
        throw new AssertionError("task " + id + " did not complete: " + task);
    }

    private String send(HttpRequest request) throws Exception {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isBetween(200, 299);
        return response.body();
    }
}
