package dev.baton.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.core.Event;
import dev.baton.core.TaskId;
import dev.baton.store.Changes;
import dev.baton.store.SqliteStore;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Live events over SSE and WebSocket: order, filters, resuming, and events written by other processes. */
class EventsTest {
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

    private String sseUrl(String query) {
        return f.base() + "/api/events" + (query.isEmpty() ? "" : "?" + query);
    }

    private String wsUrl(String query) {
        return "ws://127.0.0.1:" + f.server.port() + "/ws" + (query.isEmpty() ? "" : "?" + query);
    }

    private static boolean completed(JsonNode e) {
        return e.get("type").asText().equals("task.completed");
    }

    @Test
    void sseAndWebSocketClientsSeeATaskFromCreationToCompletion() throws Exception {
        try (var sse = new EventClients.Sse(f.http, sseUrl(""), Map.of());
                var ws = new EventClients.Ws(f.http, wsUrl(""), Map.of())) {
            Thread.sleep(300); // both connected before the task exists
            String id = f.post("/api/tasks", "{\"type\": \"shell\", \"text\": \"echo streamed\"}")
                    .json()
                    .get("id")
                    .asText();

            List<JsonNode> overSse = sse.awaitUntil(EventsTest::completed);
            List<JsonNode> overWs = ws.awaitUntil(EventsTest::completed);
            assertThat(overSse.stream().map(e -> e.get("type").asText()))
                    .startsWith("task.created", "task.routed")
                    .contains("run.started", "run.finished");
            assertThat(overSse.stream().map(e -> e.get("task_id").asText())).containsOnly(id);
            assertThat(overSse.stream().map(e -> e.get("id").asLong()))
                    .isSorted()
                    .doesNotHaveDuplicates();
            assertThat(overWs.stream().map(e -> e.get("id").asLong()).toList())
                    .isEqualTo(overSse.stream().map(e -> e.get("id").asLong()).toList());
            assertThat(sse.eventNames).startsWith("task.created", "task.routed");
        }
    }

    @Test
    void clientsResumeAfterTheLastEventTheySaw() throws Exception {
        String first = f.post("/api/tasks", "{\"type\": \"shell\", \"text\": \"echo one\"}")
                .json()
                .get("id")
                .asText();
        f.awaitStatus(first, "completed");
        List<JsonNode> all = readAll();
        long middle = all.get(2).get("id").asLong();

        try (var sse = new EventClients.Sse(f.http, sseUrl(""), Map.of("Last-Event-ID", Long.toString(middle)));
                var ws = new EventClients.Ws(f.http, wsUrl("after=" + middle), Map.of())) {
            long firstAfter = sse.awaitUntil(e -> true).getFirst().get("id").asLong();
            assertThat(firstAfter).isEqualTo(all.get(3).get("id").asLong());
            assertThat(ws.awaitUntil(e -> true).getFirst().get("id").asLong()).isEqualTo(firstAfter);
            // and then live, with no gap between the stored and the new events
            String second = f.post("/api/tasks", "{\"type\": \"shell\", \"text\": \"echo two\"}")
                    .json()
                    .get("id")
                    .asText();
            List<JsonNode> rest = sse.awaitUntil(
                    e -> completed(e) && e.get("task_id").asText().equals(second));
            assertThat(rest.stream().map(e -> e.get("id").asLong())).isSorted().doesNotHaveDuplicates();
        }
    }

    @Test
    void filtersByTaskAndType() throws Exception {
        String a = f.post("/api/tasks", "{\"type\": \"shell\", \"text\": \"echo a\"}")
                .json()
                .get("id")
                .asText();
        String b = f.post("/api/tasks", "{\"type\": \"shell\", \"text\": \"echo b\"}")
                .json()
                .get("id")
                .asText();
        f.awaitStatus(a, "completed");
        f.awaitStatus(b, "completed");
        try (var onlyB = new EventClients.Sse(f.http, sseUrl("after=0&task=" + b), Map.of());
                var onlyTaskEvents = new EventClients.Ws(f.http, wsUrl("after=0&types=task.*"), Map.of())) {
            List<JsonNode> seen = onlyB.awaitUntil(EventsTest::completed);
            assertThat(seen.stream().map(e -> e.get("task_id").asText())).containsOnly(b);
            List<JsonNode> tasks = onlyTaskEvents.awaitUntil(
                    e -> completed(e) && e.get("task_id").asText().equals(b));
            assertThat(tasks.stream().map(e -> e.get("type").asText())).allMatch(t -> t.startsWith("task."));
        }
    }

    @Test
    void eventsWrittenByAnotherProcessOnTheSameHomeArrive() throws Exception {
        try (var sse = new EventClients.Sse(f.http, sseUrl("types=demo.external"), Map.of());
                SqliteStore other = SqliteStore.open(home.resolve("baton.db"))) {
            Thread.sleep(300);
            other.apply(Changes.builder()
                    .event(Event.of(
                            Instant.now(), TaskId.of("t-abcdef"), null, "demo.external", Map.of("from", "elsewhere")))
                    .build());
            JsonNode e = sse.awaitUntil(x -> true).getFirst();
            assertThat(e.get("type").asText()).isEqualTo("demo.external");
            assertThat(e.get("data").get("from").asText()).isEqualTo("elsewhere");
        }
    }

    @Test
    void eventsStoredTogetherReachAWebSocketClientInOneMessage() throws Exception {
        try (var ws = new EventClients.Ws(f.http, wsUrl("types=demo.burst"), Map.of());
                var sse = new EventClients.Sse(f.http, sseUrl("types=demo.burst"), Map.of())) {
            Thread.sleep(300); // connected before the events exist
            var burst = Changes.builder();
            for (int i = 0; i < 50; i++) {
                burst.event(Event.of(Instant.now(), null, null, "demo.burst", Map.of("seq", i)));
            }
            f.baton.baton.recorder().apply(burst.build());
            List<JsonNode> overWs = ws.awaitUntil(e -> e.get("data").get("seq").asInt() == 49);
            List<JsonNode> overSse =
                    sse.awaitUntil(e -> e.get("data").get("seq").asInt() == 49);
            assertThat(overWs.stream().map(e -> e.get("data").get("seq").asInt()))
                    .containsExactlyElementsOf(
                            java.util.stream.IntStream.range(0, 50).boxed().toList());
            assertThat(overSse.stream().map(e -> e.get("id").asLong()).toList())
                    .isEqualTo(overWs.stream().map(e -> e.get("id").asLong()).toList());
            // one transaction is one read of the log, so one write to each client
            assertThat(ws.messageSizes).containsExactly(50);
        }
    }

    @Test
    void eventsStoredWithinTheBatchingWindowGoOutTogether() throws Exception {
        f.close();
        f = new ServerFixture(
                home.resolve("windowed"),
                ServerConfig.defaults().withPort(0).withEventWindow(Duration.ofSeconds(1)),
                false);
        try (var ws = new EventClients.Ws(f.http, wsUrl("types=demo.tick"), Map.of())) {
            Thread.sleep(300);
            for (int i = 0; i < 4; i++) { // four transactions, well within one window of each other
                f.baton
                        .baton
                        .recorder()
                        .apply(Changes.builder()
                                .event(Event.of(Instant.now(), null, null, "demo.tick", Map.of("seq", i)))
                                .build());
            }
            List<JsonNode> seen = ws.awaitUntil(e -> e.get("data").get("seq").asInt() == 3);
            assertThat(seen.stream().map(e -> e.get("data").get("seq").asInt())).containsExactly(0, 1, 2, 3);
            // the first goes out at once (perhaps with the next); the rest wait for the window's end
            assertThat(ws.messageSizes).hasSizeLessThanOrEqualTo(2);
        }
        assertThatThrownBy(() -> ServerConfig.defaults().withEventWindow(Duration.ofMillis(-1)))
                .hasMessageContaining("between 0 and 1000 ms");
    }

    private List<JsonNode> readAll() {
        return java.util.stream.StreamSupport.stream(
                        f.get("/api/tasks/"
                                        + f.get("/api/tasks?limit=1")
                                                .json()
                                                .get("tasks")
                                                .get(0)
                                                .get("id")
                                                .asText() + "/events")
                                .json()
                                .get("events")
                                .spliterator(),
                        false)
                .toList();
    }
}
