package dev.baton.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.Baton;
import dev.baton.core.BatonHome;
import dev.baton.engine.EngineConfig;
import dev.baton.server.BatonServer;
import dev.baton.server.EngineControl;
import dev.baton.server.ServerConfig;
import dev.baton.testing.GitRepos;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One front door: the same bad requests are refused by {@code baton add} (exit 2) and by {@code
 * POST /api/tasks} (400) with the same message, because both go through the task intake.
 */
class OneFrontDoorTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    /** One bad request, as command-line arguments and as an API body, and a part of the message. */
    record Bad(String what, List<String> args, Consumer<ObjectNode> body, String messagePart) {}

    @Test
    void theCliAndTheApiRefuseTheSameBadRequestsWithTheSameMessage() throws Exception {
        Path home = dir.resolve("home");
        String repo = GitRepos.create(dir.resolve("repo")).toString();
        List<Bad> cases = List.of(
                new Bad("bad priority", List.of("--priority=soonish"), b -> b.put("priority", "soonish"), "priority"),
                new Bad("bad timeout", List.of("--timeout=forever"), b -> b.put("timeout", "forever"), "timeout"),
                new Bad("unknown agent", List.of("--agent=nobody"), b -> b.put("agent", "nobody"), "unknown agent"),
                new Bad("bad type", List.of("--type=Not A Type"), b -> b.put("type", "Not A Type"), "type"),
                new Bad("empty text", List.of(), b -> b.put("text", ""), "no text"),
                new Bad(
                        "bad depends_on",
                        List.of("--depends-on=../etc"),
                        b -> b.putArray("depends_on").add("../etc"),
                        "depends_on"),
                new Bad(
                        "unknown dependency",
                        List.of("--depends-on=t-000000"),
                        b -> b.putArray("depends_on").add("t-000000"),
                        "unknown task"),
                new Bad("negative retries", List.of("--retries=-1"), b -> b.put("retries", -1), "retries"),
                new Bad(
                        "bad requires",
                        List.of("--requires=bad cap!"),
                        b -> b.putArray("requires").add("bad cap!"),
                        "requires"),
                new Bad("bad base", List.of("--base=bad..base"), b -> b.put("base", "bad..base"), "base"));

        CliRunner cli = new CliRunner(home);
        try (Baton baton = Baton.open(new BatonHome(home), EngineConfig.defaults())) {
            BatonServer server = BatonServer.start(
                    baton, EngineControl.NONE, ServerConfig.defaults().withPort(0));
            try {
                List<String> checked = new ArrayList<>();
                for (Bad bad : cases) {
                    List<String> args = new ArrayList<>(List.of("add"));
                    args.add(bad.what().equals("empty text") ? "" : "echo " + bad.what());
                    args.add("--repo=" + repo);
                    args.addAll(bad.args());
                    ObjectNode body = JSON.createObjectNode()
                            .put("text", "echo " + bad.what())
                            .put("repo", repo);
                    bad.body().accept(body);
                    checked.add(refusedAlike(bad, cli.run(args.toArray(String[]::new)), post(server, body)));
                }

                // A repository that is not there: given as an absolute path to both.
                var cliMissing = cli.run("add", "echo missing repo", "--repo=/nonexistent/repo");
                var apiMissing = post(
                        server, JSON.createObjectNode().put("text", "echo x").put("repo", "/nonexistent/repo"));
                checked.add(refusedAlike(
                        new Bad("missing repo", List.of(), b -> {}, "/nonexistent/repo"), cliMissing, apiMissing));

                assertThat(checked).hasSize(11);
                assertThat(baton.tasks().list(dev.baton.store.TaskQuery.ALL)).isEmpty();
            } finally {
                server.close();
            }
        }
    }

    @Test
    void aTaskAddedThroughTheApiNotesWhoAskedForIt() throws Exception {
        Path home = dir.resolve("home");
        String repo = GitRepos.create(dir.resolve("repo")).toString();
        try (Baton baton = Baton.open(new BatonHome(home), EngineConfig.defaults())) {
            BatonServer server = BatonServer.start(
                    baton, EngineControl.NONE, ServerConfig.defaults().withPort(0));
            try {
                var added = post(
                        server, JSON.createObjectNode().put("text", "echo hi").put("repo", repo));
                assertThat(added.statusCode()).as(added.body()).isEqualTo(201);
                var id = dev.baton.core.TaskId.of(
                        JSON.readTree(added.body()).get("id").asText());
                var created = baton.tasks().events(id, 0, 10).getFirst();
                assertThat(created.type()).isEqualTo("task.created");
                assertThat(created.data()).containsEntry("source", "api").containsEntry("by", "api:local");
            } finally {
                server.close();
            }
        }
    }

    private static String refusedAlike(Bad bad, CliRunner.Result cli, HttpResponse<String> api) throws Exception {
        assertThat(cli.exitCode()).as(bad.what() + ": " + cli.out() + cli.err()).isEqualTo(2);
        assertThat(api.statusCode()).as(bad.what() + ": " + api.body()).isEqualTo(400);
        JsonNode error = JSON.readTree(api.body());
        assertThat(error.size()).as(api.body()).isEqualTo(1);
        String message = error.get("error").asText();
        assertThat(message).as(bad.what()).containsIgnoringCase(bad.messagePart());
        assertThat(cli.err().strip()).as(bad.what()).isEqualTo("baton: " + message);
        return message;
    }

    private static HttpResponse<String> post(BatonServer server, ObjectNode body) throws Exception {
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        return http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/api/tasks"))
                        .timeout(Duration.ofSeconds(30))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
