package dev.baton.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DecisionApiTest {
    @TempDir
    Path home;

    ServerFixture f;

    @BeforeEach
    void start() {
        f = new ServerFixture(home);
    }

    @AfterEach
    void stop() {
        f.close();
    }

    private String addGatedTask(String command) {
        HttpRequest request = f.request("/api/tasks")
                .header("Content-Type", "text/markdown")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "---\nagent: command\nrequires_approval: true\n---\n" + command + "\n"))
                .build();
        ServerFixture.Response created = f.send(request);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = created.json().get("id").asText();
        f.awaitStatus(id, "waiting_approval");
        return id;
    }

    private JsonNode pending() {
        return f.get("/api/decisions").json().get("decisions");
    }

    @Test
    void aDecisionIsListedAndApprovedOverRestAndTheTaskRuns() {
        String task = addGatedTask("echo approved over rest");
        JsonNode decisions = pending();
        assertThat(decisions).hasSize(1);
        JsonNode decision = decisions.get(0);
        assertThat(decision.get("task").asText()).isEqualTo(task);
        assertThat(decision.get("kind").asText()).isEqualTo("approve_start");
        assertThat(decision.get("status").asText()).isEqualTo("pending");
        String id = decision.get("id").asText();
        assertThat(f.get("/api/decisions/" + id).json().get("question").asText())
                .contains("asks for approval");

        ServerFixture.Response approved = f.post("/api/decisions/" + id + "/approve", "{\"why\": \"ship it\"}");

        assertThat(approved.status()).as(approved.body()).isEqualTo(200);
        assertThat(approved.json().get("status").asText()).isEqualTo("approved");
        assertThat(approved.json().get("answered_by").asText()).isEqualTo("api:local");
        assertThat(approved.json().get("reason").asText()).isEqualTo("ship it");
        f.awaitStatus(task, "completed");
        assertThat(pending()).isEmpty();
        assertThat(f.get("/api/decisions?status=approved").json().get("decisions"))
                .hasSize(1);
        List<String> types = new ArrayList<>();
        f.get("/api/tasks/" + task + "/events")
                .json()
                .get("events")
                .forEach(e -> types.add(e.get("type").asText()));
        assertThat(types).containsSubsequence("decision.needed", "decision.answered", "task.completed");

        ServerFixture.Response again = f.post("/api/decisions/" + id + "/reject", "{\"why\": \"changed my mind\"}");
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.error()).contains("already approved (by api:local)");
    }

    @Test
    void rejectingNeedsAReasonAndCancelsTheTask() {
        String task = addGatedTask("echo never");
        String id = pending().get(0).get("id").asText();

        ServerFixture.Response noReason = f.post("/api/decisions/" + id + "/reject", "{}");
        assertThat(noReason.status()).isEqualTo(400);
        assertThat(noReason.error()).contains("say why");
        ServerFixture.Response unknownField = f.post("/api/decisions/" + id + "/reject", "{\"because\": \"x\"}");
        assertThat(unknownField.status()).isEqualTo(400);
        assertThat(unknownField.error()).contains("unknown field 'because'");

        ServerFixture.Response rejected = f.post("/api/decisions/" + id + "/reject", "{\"why\": \"wrong branch\"}");
        assertThat(rejected.status()).as(rejected.body()).isEqualTo(200);
        JsonNode cancelled = f.awaitStatus(task, "cancelled");
        assertThat(cancelled.get("failure_reason").asText()).isEqualTo("rejected");
        assertThat(cancelled.get("failure_detail").asText()).isEqualTo("rejected by api:local: wrong branch");
    }

    @Test
    void badDecisionIdsAndFiltersAreClearErrors() {
        assertThat(f.get("/api/decisions/nope").status()).isEqualTo(400);
        ServerFixture.Response missing = f.get("/api/decisions/d-00000000");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.error()).contains("no decision with id 'd-00000000'");
        assertThat(f.post("/api/decisions/d-00000000/approve", "{}").status()).isEqualTo(404);
        ServerFixture.Response badStatus = f.get("/api/decisions?status=maybe");
        assertThat(badStatus.status()).isEqualTo(400);
        assertThat(badStatus.error()).contains("unknown decision status 'maybe'");
        assertThat(f.get("/api/openapi.json").json().get("paths").has("/api/decisions/{id}/approve"))
                .isTrue();
    }

    @Test
    void secretsAreRedactedFromEventsAndLogs() {
        ServerFixture.Response created = f.post(
                "/api/tasks",
                "{\"text\": \"echo token ghp_0123456789abcdefghijABCDEFGHIJ; exit 3\", \"agent\": \"command\"}");
        String task = created.json().get("id").asText();
        JsonNode failed = f.awaitStatus(task, "failed");
        assertThat(failed.get("failure_detail").asText()).contains("[redacted]").doesNotContain("ghp_0123");
        String events = f.get("/api/tasks/" + task + "/events").body();
        assertThat(events).doesNotContain("ghp_0123");
        String log = f.get("/api/runs/" + task + ".1/log").json().get("text").asText();
        assertThat(log).isEqualTo("token [redacted]\n");
    }
}
