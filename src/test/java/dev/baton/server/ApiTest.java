package dev.baton.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The REST API over real HTTP against a real engine running command-agent tasks. */
class ApiTest {
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

    @Test
    void aTaskFromTextRunsAndItsLogCanBeRead() {
        var created = f.post("/api/tasks", "{\"text\": \"echo hello from the api\", \"agent\": \"command\"}");
        assertThat(created.status()).isEqualTo(201);
        String id = created.json().get("id").asText();
        assertThat(created.raw().headers().firstValue("Location")).contains("/api/tasks/" + id);

        JsonNode done = f.awaitStatus(id, "completed");
        assertThat(done.get("runs")).hasSize(1);
        String runId = done.get("runs").get(0).get("id").asText();
        assertThat(done.get("runs").get(0).get("status").asText()).isEqualTo("succeeded");
        JsonNode routed = done.get("routing").get(0);
        assertThat(routed.get("step").asText()).isEqualTo("routed");
        assertThat(routed.get("agent").asText()).isEqualTo("command");
        assertThat(routed.get("why").asText()).startsWith("command");

        JsonNode log = f.get("/api/runs/" + runId + "/log").json();
        assertThat(log.get("text").asText()).contains("hello from the api");
        assertThat(log.get("finished").asBoolean()).isTrue();
        long size = log.get("size").asLong();
        assertThat(log.get("next_offset").asLong()).isEqualTo(size);
        JsonNode rest = f.get("/api/runs/" + runId + "/log?offset=6&limit=5").json();
        assertThat(rest.get("text").asText()).isEqualTo("from ");

        assertThat(f.get("/api/runs/" + runId).json().get("agent").asText()).isEqualTo("command");
        JsonNode events = f.get("/api/tasks/" + id + "/events").json().get("events");
        assertThat(events.findValuesAsText("type")).contains("task.created", "task.routed", "task.completed");
    }

    @Test
    void tasksAreListedWithFilters() {
        String a = f.post("/api/tasks", "{\"type\": \"shell\", \"text\": \"true\"}")
                .json()
                .get("id")
                .asText();
        f.awaitStatus(a, "completed");
        String b = f.post("/api/tasks", "{\"type\": \"shell\", \"text\": \"exit 3\"}")
                .json()
                .get("id")
                .asText();
        f.awaitStatus(b, "failed");

        JsonNode completed = f.get("/api/tasks?status=completed").json().get("tasks");
        assertThat(completed.findValuesAsText("id")).containsExactly(a);
        JsonNode both =
                f.get("/api/tasks?status=completed,failed&limit=10").json().get("tasks");
        assertThat(both.findValuesAsText("id")).containsExactly(b, a);
        assertThat(f.get("/api/tasks?agent=command&limit=1").json().get("tasks"))
                .hasSize(1);
        assertThat(f.get("/api/tasks?agent=nobody").json().get("tasks")).isEmpty();
    }

    @Test
    void cancelAndRetry() {
        String id = f.post("/api/tasks", "{\"type\": \"shell\", \"text\": \"sleep 30\"}")
                .json()
                .get("id")
                .asText();
        f.awaitStatus(id, "running");
        var cancelled = f.post("/api/tasks/" + id + "/cancel", "");
        assertThat(cancelled.status()).isEqualTo(200);
        assertThat(cancelled.json().get("status").asText()).isEqualTo("cancelled");

        var retried = f.post("/api/tasks/" + id + "/retry", "");
        assertThat(retried.status()).isEqualTo(200);
        assertThat(retried.json().get("status").asText()).isEqualTo("queued");
        f.awaitStatus(id, "running");
        f.post("/api/tasks/" + id + "/cancel", "");
    }

    @Test
    void aTaskFromAMarkdownFile() {
        String markdown = "---\nid: task-md-001\npriority: high\ntags: [docs]\n---\n\n# Task: Say hi\n\necho hi\n";
        var created = f.post(
                "/api/tasks",
                JsonSupport.write(
                        java.util.Map.of("markdown", markdown, "file_name", "task-md-001.md", "agent", "command")));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        JsonNode task = created.json();
        assertThat(task.get("id").asText()).isEqualTo("task-md-001");
        assertThat(task.get("priority").asInt()).isEqualTo(2);
        assertThat(task.get("title").asText()).isEqualTo("Say hi");

        var raw = f.send(f.request("/api/tasks?file_name=second.md")
                .header("Content-Type", "text/markdown")
                .POST(HttpRequest.BodyPublishers.ofString("---\nid: task-md-002\n---\necho raw\n"))
                .build());
        assertThat(raw.status()).as(raw.body()).isEqualTo(201);
        assertThat(raw.json().get("source").asText()).isEqualTo("api:second.md");
    }

    @Test
    void aRequirementIsPlannedIntoTasksForACodingAgentNeverTheCommandAgent() {
        var created = f.post(
                "/api/requirements",
                "{\"text\": \"1. fix the bug: echo fixed\\n2. add a test: echo tested\", \"heuristic\": true}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        JsonNode body = created.json();
        assertThat(body.get("planned").asBoolean()).isTrue();
        assertThat(body.get("method").asText()).isEqualTo("heuristic");
        assertThat(body.get("submitted").asBoolean()).isTrue();
        assertThat(body.get("tasks")).hasSize(2);
        assertThat(body.get("tasks").get(0).get("type").asText()).isEqualTo("bug");
        assertThat(body.get("tasks").get(1).get("type").asText()).isEqualTo("test");
        for (JsonNode task : body.get("tasks")) {
            JsonNode stored = f.get("/api/tasks/" + task.get("id").asText()).json();
            assertThat(stored.get("source").asText()).startsWith("plan:");
            assertThat(stored.get("prompt").asText()).contains("1. fix the bug", "2. add a test");
        }
        // Planned tasks are prose: with only the command agent here, they wait instead of running as sh.
        String first = body.get("tasks").get(0).get("id").asText();
        dev.baton.testing.Eventually.await(
                "the planned task is held",
                java.time.Duration.ofSeconds(20),
                () -> f.get("/api/tasks/" + first + "/events").body().contains("task.held"));
        assertThat(f.get("/api/tasks/" + first + "/events").body())
                .contains("no coding agent is available")
                .doesNotContain("task.routed");
        for (JsonNode task : body.get("tasks"))
            f.post("/api/tasks/" + task.get("id").asText() + "/cancel", "");
    }

    @Test
    void aVagueRequirementIsReturnedForReviewNotQueued() {
        String vague = "Make it better. It should be faster. Users complain. Also the look is dated and the"
                + " onboarding is confusing for people who come from other tools and do not read manuals at all.";
        var answer = f.post("/api/requirements", "{\"text\": \"" + vague + "\", \"heuristic\": true}");
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(answer.json().get("submitted").asBoolean()).isFalse();
        assertThat(answer.json().get("confidence").asDouble()).isLessThan(0.6);
        assertThat(answer.json().get("note").asText()).contains("force");
        assertThat(f.get("/api/tasks").json().get("tasks")).isEmpty();
    }

    @Test
    void agentsStatusUsageAndMetrics() {
        String id = f.post("/api/tasks", "{\"type\": \"shell\", \"text\": \"echo counted\"}")
                .json()
                .get("id")
                .asText();
        f.awaitStatus(id, "completed");

        JsonNode agents = f.get("/api/agents").json().get("agents");
        assertThat(agents.findValuesAsText("name")).contains("command");
        JsonNode command = agents.get(0);
        assertThat(command.get("concurrency").asInt()).isEqualTo(4);
        assertThat(command.get("today").get("runs").asLong()).isEqualTo(1);
        assertThat(command.get("today").get("success_rate").asDouble()).isEqualTo(1.0);

        JsonNode status = f.get("/api/status").json();
        assertThat(status.get("queue_depth").asLong()).isZero();
        assertThat(status.get("tasks").get("completed").asLong()).isEqualTo(1);
        assertThat(status.get("runs_finished_last_hour").asLong()).isEqualTo(1);
        assertThat(status.get("success_rate_24h").asDouble()).isEqualTo(1.0);

        JsonNode usage = f.get("/api/usage?days=3").json();
        assertThat(usage.get("agents").get("command").get("runs").asLong()).isEqualTo(1);

        JsonNode series = f.get("/api/metrics").json();
        assertThat(series.get("hourly")).hasSize(24);
        assertThat(series.get("daily")).hasSize(14);
        assertThat(series.get("daily").get(13).get("finished").asLong()).isEqualTo(1);

        String prometheus = f.get("/metrics").body();
        assertThat(prometheus).contains("baton_queue_depth", "baton_tasks{status=\"completed\"}");
        assertThat(prometheus).contains("baton_runs_finished_total{status=\"succeeded\"} 1.0");
        assertThat(prometheus).contains("baton_http_requests_seconds_count");

        JsonNode openApi = f.get("/api/openapi.json").json();
        assertThat(openApi.get("openapi").asText()).startsWith("3.");
        assertThat(openApi.get("paths").has("/api/tasks")).isTrue();
    }
}
