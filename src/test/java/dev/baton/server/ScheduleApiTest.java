package dev.baton.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.server.auth.Scope;
import dev.baton.testing.GitRepos;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScheduleApiTest {
    @TempDir
    Path dir;

    private ServerFixture.Response delete(ServerFixture f, String path) {
        return f.send(f.request(path).DELETE().build());
    }

    @Test
    void aScheduleIsAddedListedAndRemoved() throws Exception {
        Path repo = GitRepos.create(dir.resolve("repo"));
        try (ServerFixture f =
                new ServerFixture(dir.resolve("home"), ServerConfig.defaults().withPort(0), false)) {
            var created = f.post(
                    "/api/schedules",
                    JsonSupport.write(java.util.Map.of(
                            "cron", "0 2 * * *",
                            "text", "echo nightly",
                            "agent", "command",
                            "repo", repo.toString(),
                            "window", "22:00-06:00")));

            assertThat(created.status()).as(created.body()).isEqualTo(201);
            JsonNode schedule = created.json();
            String id = schedule.get("id").asText();
            assertThat(id).matches("s-[0-9a-f]{6}");
            assertThat(created.raw().headers().firstValue("Location")).contains("/api/schedules/" + id);
            assertThat(schedule.get("cron").asText()).isEqualTo("0 2 * * *");
            assertThat(schedule.get("text").asText()).isEqualTo("echo nightly");
            assertThat(schedule.get("agent").asText()).isEqualTo("command");
            assertThat(schedule.get("repo").asText()).isEqualTo(repo.toString());
            assertThat(schedule.get("window").asText()).isEqualTo("22:00-06:00");
            assertThat(schedule.get("last_fired_at").isNull()).isTrue();
            assertThat(schedule.get("next_at").asText()).contains("T02:00");

            JsonNode listed = f.get("/api/schedules").json().get("schedules");
            assertThat(listed).hasSize(1);
            assertThat(listed.get(0)).isEqualTo(schedule);

            var removed = delete(f, "/api/schedules/" + id);
            assertThat(removed.status()).isEqualTo(204);
            assertThat(f.get("/api/schedules").json().get("schedules")).isEmpty();

            var again = delete(f, "/api/schedules/" + id);
            assertThat(again.status()).isEqualTo(404);
            assertThat(again.error()).contains("no schedule '" + id + "'");
        }
    }

    @Test
    void aBadScheduleIsRefusedWithWhatToFix() {
        try (ServerFixture f =
                new ServerFixture(dir.resolve("home"), ServerConfig.defaults().withPort(0), false)) {
            var badCron = f.post("/api/schedules", "{\"cron\": \"every night\", \"text\": \"echo x\"}");
            assertThat(badCron.status()).isEqualTo(422);
            assertThat(badCron.error()).contains("every night");

            var noCron = f.post("/api/schedules", "{\"text\": \"echo x\"}");
            assertThat(noCron.status()).isEqualTo(400);
            assertThat(noCron.error()).contains("cron is required", "0 2 * * *");

            var noText = f.post("/api/schedules", "{\"cron\": \"@daily\"}");
            assertThat(noText.status()).isEqualTo(400);
            assertThat(noText.error()).contains("text is required");

            var unknownAgent =
                    f.post("/api/schedules", "{\"cron\": \"@daily\", \"text\": \"x\", \"agent\": \"nobody\"}");
            assertThat(unknownAgent.status()).isEqualTo(422);
            assertThat(unknownAgent.error()).contains("nobody");

            var relativeRepo = f.post("/api/schedules", "{\"cron\": \"@daily\", \"text\": \"x\", \"repo\": \"repo\"}");
            assertThat(relativeRepo.status()).isEqualTo(400);
            assertThat(relativeRepo.error()).contains("repo must be an absolute path");

            var badWindow = f.post("/api/schedules", "{\"cron\": \"@daily\", \"text\": \"x\", \"window\": \"late\"}");
            assertThat(badWindow.status()).isEqualTo(422);
            assertThat(badWindow.error()).contains("late");

            var badId = f.send(f.request("/api/schedules/all").DELETE().build());
            assertThat(badId.status()).isEqualTo(400);
            assertThat(badId.error()).contains("not a schedule id", "GET /api/schedules");

            assertThat(f.get("/api/schedules").json().get("schedules")).isEmpty();
        }
    }

    @Test
    void addingOrRemovingNeedsTheWriteScopeAndListingTheReadScope() {
        Path home = dir.resolve("home");
        String read = ServerFixture.createToken(home, Scope.READ);
        String write = ServerFixture.createToken(home, Scope.WRITE);
        try (ServerFixture f = new ServerFixture(home, ServerConfig.defaults().withPort(0), false)) {
            f.token = read;
            var refused = f.post("/api/schedules", "{\"cron\": \"@daily\", \"text\": \"echo x\"}");
            assertThat(refused.status()).isEqualTo(403);
            assertThat(refused.error()).contains("read scope", "POST /api/schedules needs write");
            assertThat(f.get("/api/schedules").status()).isEqualTo(200);

            f.token = write;
            String id = f.post("/api/schedules", "{\"cron\": \"@daily\", \"text\": \"echo x\"}")
                    .json()
                    .get("id")
                    .asText();

            f.token = read;
            var notRemoved = delete(f, "/api/schedules/" + id);
            assertThat(notRemoved.status()).isEqualTo(403);
            assertThat(notRemoved.error()).contains("needs write");
            assertThat(f.get("/api/schedules").json().get("schedules")).hasSize(1);
        }
    }
}
