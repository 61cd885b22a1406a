package dev.baton.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.core.AgentProfile;
import dev.baton.core.Event;
import dev.baton.core.EventTypes;
import dev.baton.core.FailureReason;
import dev.baton.core.Run;
import dev.baton.core.RunStatus;
import dev.baton.core.Task;
import dev.baton.core.TaskId;
import dev.baton.core.TaskSpec;
import dev.baton.core.TaskStatus;
import dev.baton.engine.EngineConfig;
import dev.baton.testing.AgentClis;
import dev.baton.testing.GitRepos;
import dev.baton.testing.TestBaton;
import dev.baton.testing.model.OpenAiResponses;
import dev.baton.testing.model.Script;
import dev.baton.testing.model.ScriptedModelServer;
import dev.baton.testing.model.Turn;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real Codex CLI driven through Baton, in a real git repository, against a scripted model server
 * that speaks OpenAI's Responses API.
 */
class CodexAgentTest {
    private static final Duration STALL = Duration.ofSeconds(5);
    private static Path codex;

    @TempDir
    Path dir;

    private ScriptedModelServer server;
    private Path repo;
    private TestBaton baton;

    @BeforeAll
    static void installCodex() {
        codex = AgentClis.binary(AgentClis.CODEX, "codex");
    }

    @BeforeEach
    void setUp() throws IOException {
        server = ScriptedModelServer.start(new OpenAiResponses());
        repo = GitRepos.create(dir.resolve("repo"));
        Path codexHome = Files.createDirectories(dir.resolve("codex-home"));
        // The profile points CODEX_HOME here; a user's own config is left alone.
        Files.writeString(codexHome.resolve("config.toml"), """
                model = "gpt-5"
                model_provider = "local"
                check_for_update_on_startup = false

                [analytics]
                enabled = false

                [model_providers.local]
                name = "local"
                base_url = "%s/v1"
                env_key = "BATON_TEST_MODEL_KEY"
                wire_api = "responses"
                # Codex retries failed requests itself; here a failure should end the turn at once.
                request_max_retries = 0
                stream_max_retries = 0
                """.formatted(server.baseUrl()));
        AgentProfile profile = new AgentProfile(
                "codex",
                CodexAgent.KIND,
                Set.of("code_execution", "file_access", "shell"),
                1,
                List.of(codex.toString()),
                Map.of(
                        "CODEX_HOME", codexHome.toString(),
                        "HOME", Files.createDirectories(dir.resolve("home")).toString(),
                        "BATON_TEST_MODEL_KEY", "test-key"));
        EngineConfig fast = TestBaton.fastConfig(2);
        EngineConfig config = new EngineConfig(
                fast.maxConcurrentRuns(),
                fast.pollInterval(),
                fast.leaseDuration(),
                fast.killGrace(),
                fast.retryBackoff(),
                fast.maxRetryBackoff(),
                fast.outputEventInterval(),
                0, // a failure is final here: each test looks at the one run it scripted
                STALL);
        baton = new TestBaton(
                dir.resolve("baton"),
                config,
                AgentRegistry.builder()
                        .adapter(new CodexAgent())
                        .profile(profile)
                        .build());
        baton.start();
    }

    @AfterEach
    void tearDown() {
        if (baton != null) baton.close();
        if (server != null) server.close();
    }

    private TaskId add(String title, String prompt) {
        return baton.add(TaskSpec.builder(prompt)
                .title(title)
                .repo(repo.toString())
                .preferredAgent("codex")
                .build());
    }

    private List<Event> events(TaskId id) {
        return baton.baton.tasks().events(id, 0, 1000);
    }

    @Test
    void aTaskThatCreatesAndEditsAFileCompletesWithItsChangesCommittedAndItsUsage() throws Exception {
        server.script(Script.of(
                Turn.tool("exec_command", Map.of("cmd", "printf 'hello\\n' > hello.txt")),
                Turn.tool("exec_command", Map.of("cmd", "sed -i 's/hello/hello world/' hello.txt && cat hello.txt")),
                Turn.text("Created hello.txt and edited it.")));

        TaskId id = add("Hello file", "Create hello.txt saying hello, then make it say hello world.");
        baton.awaitIdle();

        Task task = baton.task(id);
        assertThat(task.status()).as(String.valueOf(task.failureDetail())).isEqualTo(TaskStatus.COMPLETED);
        assertThat(server.unhandled()).isEmpty();
        Run run = baton.runs(id).getFirst();
        assertThat(run.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(run.result().summary()).isEqualTo("Created hello.txt and edited it.");
        assertThat(run.result().commits()).hasSize(1);
        assertThat(GitRepos.git(repo, "show", task.branch() + ":hello.txt")).isEqualTo("hello world");
        assertThat(run.result().sessionId()).isNotBlank();
        // Three model requests of 100 input and 20 output tokens each, priced as gpt-5.
        assertThat(run.result().usage().inputTokens()).isEqualTo(300);
        assertThat(run.result().usage().outputTokens()).isEqualTo(60);
        assertThat(run.result().usage().costUsd()).isCloseTo(0.000975, org.assertj.core.data.Offset.offset(1e-9));

        List<Event> events = events(id);
        assertThat(events)
                .filteredOn(e -> e.type().equals(EventTypes.AGENT_TOOL_CALL))
                .extracting(e -> e.data().get("name"))
                .containsExactly("exec_command", "exec_command");
        assertThat(events)
                .filteredOn(e -> e.type().equals(EventTypes.AGENT_TOOL_RESULT))
                .extracting(e -> e.data().get("output"))
                .contains("hello world\n");
        assertThat(events).anySatisfy(e -> assertThat(e.type()).isEqualTo(EventTypes.AGENT_SESSION));
    }

    @Test
    void aRateLimitEndsTheRunRateLimitedWithItsResetTime() throws Exception {
        server.script(Script.of(Turn.error(429, "The usage limit has been reached", 3600)));
        Instant before = Instant.now();

        TaskId id = add("Limited", "Say hi.");
        baton.awaitIdle();

        Task task = baton.task(id);
        assertThat(task.status()).isEqualTo(TaskStatus.FAILED);
        assertThat(task.failureReason()).isEqualTo(FailureReason.RATE_LIMITED);
        Event error = events(id).stream()
                .filter(e -> e.type().equals(EventTypes.AGENT_ERROR) && e.data().containsKey("reason"))
                .findFirst()
                .orElseThrow();
        assertThat(error.data()).containsEntry("reason", "rate_limited");
        // Codex prints the reset time to the minute, in local time.
        Instant resetAt = Instant.parse((String) error.data().get("reset_at"));
        assertThat(resetAt)
                .isBetween(before.plusSeconds(3600 - 120), Instant.now().plusSeconds(3600 + 60));
        assertThat(task.failureDetail()).contains("usage limit").contains("resets at " + resetAt);
    }

    @Test
    void aModelThatStopsAnsweringEndsTheRunStalled() throws Exception {
        server.script(Script.of(Turn.hanging()));

        TaskId id = add("Hang", "Say hi.");
        baton.awaitIdle();

        Task task = baton.task(id);
        assertThat(task.status()).isEqualTo(TaskStatus.FAILED);
        assertThat(task.failureReason()).isEqualTo(FailureReason.STALLED);
    }

    @Test
    void aRetryResumesTheSameCodexThreadWithItsEarlierConversation() throws Exception {
        server.script(Script.of(Turn.error(400, "scripted bad request", null), Turn.text("Done on the second try.")));

        TaskId id = add("Follow up", "Write the release notes.");
        baton.awaitIdle();
        Task failed = baton.task(id);
        assertThat(failed.status()).isEqualTo(TaskStatus.FAILED);
        assertThat(failed.failureReason()).isEqualTo(FailureReason.API_ERROR);
        assertThat(failed.failureDetail()).contains("scripted bad request");
        String session = baton.runs(id).getFirst().result().sessionId();
        assertThat(session).isNotBlank();

        baton.baton.tasks().retry(id);
        baton.engine.wake();
        baton.awaitIdle();

        assertThat(baton.task(id).status()).isEqualTo(TaskStatus.COMPLETED);
        Run second = baton.runs(id).get(1);
        assertThat(second.result().sessionId()).isEqualTo(session);
        assertThat(second.result().summary()).isEqualTo("Done on the second try.");
        // Codex counts the thread's tokens; the run is charged only for its own request.
        assertThat(second.result().usage().inputTokens()).isEqualTo(100);
        List<String> requests = server.script().requests();
        assertThat(requests).hasSize(2);
        String resumed = requests.get(1);
        // The second request carries the first conversation (its prompt), then the follow-up prompt.
        assertThat(resumed.split("Write the release notes\\.", -1)).hasSize(3);
        assertThat(requests.getFirst().split("Write the release notes\\.", -1)).hasSize(2);
    }
}
