package dev.baton.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.testing.GitRepos;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkflowApiTest {
    private static final String CI = """
            name: ci
            stages:
              - name: build
                parallel: true
                tasks:
                  - id: compile
                    command: echo compiled > compiled.txt; echo ok
                  - id: docs
                    command: echo docs
              - name: test
                dependsOn: build
                tasks:
                  - command: echo "compile said {{ tasks.compile.result }}"
            """;

    @TempDir
    Path dir;

    ServerFixture f;

    @BeforeEach
    void start() {
        f = new ServerFixture(dir.resolve("home"));
    }

    @AfterEach
    void stop() {
        f.close();
    }

    private ServerFixture.Response postYaml(String query, String yaml) {
        return f.send(f.request("/api/workflows" + query)
                .header("Content-Type", "application/yaml")
                .POST(HttpRequest.BodyPublishers.ofString(yaml))
                .build());
    }

    private JsonNode awaitWorkflow(String id, String status) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        JsonNode run = null;
        while (System.nanoTime() < deadline) {
            run = f.get("/api/workflows/" + id).json();
            if (run.get("status").asText().equals(status)) return run;
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new AssertionError("workflow " + id + " did not become " + status + ": " + run);
    }

    @Test
    void aWorkflowPostedAsYamlRunsStageByStageInTheRepository() throws Exception {
        Path repo = GitRepos.create(dir.resolve("repo"));

        var created = postYaml("?repo=" + URLEncoder.encode(repo.toString(), StandardCharsets.UTF_8), CI);

        assertThat(created.status()).as(created.body()).isEqualTo(201);
        JsonNode run = created.json();
        String id = run.get("id").asText();
        assertThat(id).matches("w-[0-9a-f]{6}");
        assertThat(created.raw().headers().firstValue("Location")).contains("/api/workflows/" + id);
        assertThat(run.get("name").asText()).isEqualTo("ci");
        assertThat(run.get("stages").findValuesAsText("name")).containsExactly("build", "test");
        assertThat(run.get("tasks")).hasSize(3);
        assertThat(run.get("warnings").isArray()).isTrue();

        JsonNode done = awaitWorkflow(id, "completed");
        assertThat(done.get("stages").get(0).get("completed").asInt()).isEqualTo(2);
        assertThat(done.get("stages").get(1).get("completed").asInt()).isEqualTo(1);
        String compile = done.get("tasks").get(0).get("id").asText();
        assertThat(f.get("/api/tasks/" + compile).json().get("repo").asText()).isEqualTo(repo.toString());

        JsonNode listed = f.get("/api/workflows").json().get("workflows");
        assertThat(listed).hasSize(1);
        assertThat(listed.get(0).get("id").asText()).isEqualTo(id);
        assertThat(listed).isEqualTo(InProcessCli.json(dir.resolve("home"), "workflows", "--json"));
    }

    @Test
    void aWorkflowPostedAsJsonRunsInScratchFolders() {
        String body = JsonSupport.write(java.util.Map.of("yaml", CI, "file_name", "ci.yaml"));

        var created = f.post("/api/workflows", body);

        assertThat(created.status()).as(created.body()).isEqualTo(201);
        awaitWorkflow(created.json().get("id").asText(), "completed");
    }

    @Test
    void aBrokenDocumentIsRefusedWithTheParsersLineAndNothingIsQueued() {
        var broken = postYaml("?file_name=ci.yaml", "name: ci\nstages:\n  - name: build\n    tasks: {oops\n");
        assertThat(broken.status()).isEqualTo(422);
        // the parser's own message, as 'baton run -f ci.yaml' prints it: the file, the line, what is wrong
        assertThat(broken.error()).startsWith("ci.yaml").contains("YAML");

        var noStages = f.post("/api/workflows", "{\"yaml\": \"name: ci\\n\"}");
        assertThat(noStages.status()).isEqualTo(422);
        assertThat(noStages.error()).contains("workflow.yaml", "stages", "is missing");

        var empty = f.post("/api/workflows", "{\"yaml\": \"  \"}");
        assertThat(empty.status()).isEqualTo(400);
        assertThat(empty.error()).contains("the workflow is empty");

        var relative = postYaml("?repo=some/repo", CI);
        assertThat(relative.status()).isEqualTo(400);
        assertThat(relative.error()).contains("repo must be an absolute path");

        var unknownField = f.post("/api/workflows", "{\"workflow\": \"name: ci\"}");
        assertThat(unknownField.status()).isEqualTo(400);
        assertThat(unknownField.error()).contains("unknown field 'workflow'", "yaml");

        var form = f.send(f.request("/api/workflows")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("yaml=x"))
                .build());
        assertThat(form.status()).isEqualTo(415);
        assertThat(form.error()).contains("application/yaml", "{\"yaml\"");

        assertThat(f.get("/api/workflows").json().get("workflows")).isEmpty();
        assertThat(f.get("/api/tasks").json().get("tasks")).isEmpty();
    }

    @Test
    void anUnknownOrMalformedRunIdSaysWhereToLook() {
        var unknown = f.get("/api/workflows/w-000000");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.error()).contains("no workflow run w-000000");

        var malformed = f.get("/api/workflows/latest");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.error()).contains("not a workflow run id", "GET /api/workflows");
    }
}
