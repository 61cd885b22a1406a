package dev.baton.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UsageApiTest {
    @TempDir
    Path home;

    /** The ledger books a run just after its task completes; waits for that, not for a fixed time. */
    private static JsonNode awaitBookedRuns(ServerFixture f, int runs) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        JsonNode usage = null;
        while (System.nanoTime() < deadline) {
            usage = f.get("/api/usage?days=3").json();
            if (usage.path("agents").path("command").path("runs").asInt() == runs) return usage;
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new AssertionError("the ledger did not book " + runs + " run(s): " + usage);
    }

    @Test
    void usageHasTheFiguresOfTheCli() {
        try (ServerFixture f = new ServerFixture(home)) {
            String id = f.post("/api/tasks", "{\"type\": \"shell\", \"text\": \"echo counted\"}")
                    .json()
                    .get("id")
                    .asText();
            f.awaitStatus(id, "completed");

            JsonNode usage = awaitBookedRuns(f, 1);

            assertThat(usage.get("today").asText()).matches("\\d{4}-\\d{2}-\\d{2}");
            JsonNode command = usage.get("agents").get("command");
            assertThat(command.get("runs").asInt()).isEqualTo(1);
            assertThat(command.get("stopped").asBoolean()).isFalse();
            assertThat(usage.get("days").get(0).get("agent").asText()).isEqualTo("command");
            assertThat(usage).isEqualTo(InProcessCli.json(home, "usage", "--json", "--days", "3"));
            assertThat(f.get("/api/usage").json()).isEqualTo(InProcessCli.json(home, "usage", "--json"));
        }
    }

    @Test
    void aBadNumberOfDaysIsRefused() {
        try (ServerFixture f = new ServerFixture(home, ServerConfig.defaults().withPort(0), false)) {
            var zero = f.get("/api/usage?days=0");
            assertThat(zero.status()).isEqualTo(400);
            assertThat(zero.error()).isEqualTo("days must be a whole number from 1 to 14, not '0'");
            assertThat(f.get("/api/usage?days=week").status()).isEqualTo(400);
        }
    }
}
