package dev.baton.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.testing.GitRepos;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FollowUpApiTest {
    @TempDir
    Path dir;

    ServerFixture f;
    Path repo;

    @BeforeEach
    void start() throws Exception {
        f = new ServerFixture(dir.resolve("home"));
        repo = GitRepos.create(dir.resolve("repo"));
    }

    @AfterEach
    void stop() {
        f.close();
    }

    private String addCompleted(String command) {
        String id = f.post(
                        "/api/tasks",
                        JsonSupport.write(java.util.Map.of("text", command, "repo", repo.toString(), "type", "shell")))
                .json()
                .get("id")
                .asText();
        f.awaitStatus(id, "completed");
        return id;
    }

    @Test
    void aFollowUpContinuesAFinishedTaskOnTheSameAgent() {
        String parent = addCompleted("echo first > first.txt");

        var created = f.post("/api/tasks/" + parent + "/followups", "{\"text\": \"cat first.txt\"}");

        assertThat(created.status()).as(created.body()).isEqualTo(201);
        JsonNode task = created.json();
        String id = task.get("id").asText();
        assertThat(id).isNotEqualTo(parent);
        assertThat(created.raw().headers().firstValue("Location")).contains("/api/tasks/" + id);
        assertThat(task.get("follow_up_of").asText()).isEqualTo(parent);
        assertThat(task.get("source").asText()).isEqualTo("followup:" + parent);
        assertThat(task.get("warnings").isArray()).isTrue();
        JsonNode done = f.awaitStatus(id, "completed");
        assertThat(done.get("agent").asText()).isEqualTo("command");
        assertThat(done.get("branch").asText())
                .isEqualTo(f.get("/api/tasks/" + parent).json().get("branch").asText());
        // same worktree: the follow-up read the file its parent left
        String run = done.get("runs").get(0).get("id").asText();
        assertThat(f.get("/api/runs/" + run + "/log").json().get("text").asText())
                .contains("first");
    }

    @Test
    void aFollowUpNeedsAFinishedTaskAndText() {
        var unknown = f.post("/api/tasks/t-000000/followups", "{\"text\": \"more\"}");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.error()).contains("t-000000");

        String parent = addCompleted("echo done");
        var noText = f.post("/api/tasks/" + parent + "/followups", "{\"text\": \" \"}");
        assertThat(noText.status()).isEqualTo(400);
        assertThat(noText.error()).contains("text is required");

        var gated = f.send(f.request("/api/tasks")
                .header("Content-Type", "text/markdown")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "---\ntype: shell\nrequires_approval: true\n---\necho later\n"))
                .build());
        String waiting = gated.json().get("id").asText();
        f.awaitStatus(waiting, "waiting_approval");
        var early = f.post("/api/tasks/" + waiting + "/followups", "{\"text\": \"more\"}");
        assertThat(early.status()).isEqualTo(409);
        assertThat(early.error()).contains("is still waiting_approval", "once it has finished");
    }
}
