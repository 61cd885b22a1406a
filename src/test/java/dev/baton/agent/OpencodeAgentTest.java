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
import dev.baton.testing.Eventually;
import dev.baton.testing.GitRepos;
import dev.baton.testing.TestBaton;
import dev.baton.testing.model.OpenAiChat;
import dev.baton.testing.model.Script;
import dev.baton.testing.model.ScriptedModelServer;
import dev.baton.testing.model.Turn;
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
 * The real opencode CLI driven by Baton against the scripted model server (OpenAI chat completions).
 * opencode takes about ten seconds to start, so each test makes one or two runs only.
 */
class OpencodeAgentTest {
    private static final String MODEL = "local/gpt-4.1-mini";
    /**
     * opencode prints its first JSON line only after the model's first answer, and even with its logs
     * on stderr it can be quiet for several seconds while it starts on a busy machine: the stall
     * timeout must exceed that, or a starting agent would count as stalled.
     */
    private static final Duration STALL = Duration.ofSeconds(30);

    private static Path binary;

    /** One opencode home for all tests, as a user has one: its session store is what a resume reads. */
    @TempDir
    static Path opencodeHome;

    @TempDir
    Path dir;

    private ScriptedModelServer server;
    private TestBaton baton;
    private Path repo;

    @BeforeAll
    static void installOpencode() {
        binary = AgentClis.binary(AgentClis.OPENCODE, "opencode");
    }

    @BeforeEach
    void start() throws Exception {
        server = ScriptedModelServer.start(new OpenAiChat());
        repo = GitRepos.create(dir.resolve("repo"));
        EngineConfig fast = TestBaton.fastConfig(2);
        // No automatic retries: each test decides when a task runs again.
        EngineConfig config = new EngineConfig(
                fast.maxConcurrentRuns(),
                fast.pollInterval(),
                fast.leaseDuration(),
                fast.killGrace(),
                fast.retryBackoff(),
                fast.maxRetryBackoff(),
                fast.outputEventInterval(),
                0,
                STALL);
        AgentRegistry agents = AgentRegistry.builder()
                .adapter(new OpencodeAgent())
                .profile(new AgentProfile(
                        "opencode",
                        OpencodeAgent.KIND,
                        Set.of("shell", "file_access"),
                        2,
                        List.of(binary.toString()),
                        env()))
                .build();
        baton = new TestBaton(dir.resolve("baton"), config, agents);
        baton.start();
    }

    /** A scratch home for opencode and a provider pointing at the scripted server. */
    private Map<String, String> env() {
        String config = """
                {"$schema": "https://opencode.ai/config.json", "autoupdate": false, "share": "disabled",
                 "model": "%s",
                 "provider": {"local": {"npm": "@ai-sdk/openai-compatible", "name": "Scripted",
                   "options": {"baseURL": "%s/v1", "apiKey": "test-key"},
                   "models": {"gpt-4.1-mini": {"name": "Scripted GPT"}}}}}
                """.formatted(MODEL, server.baseUrl());
        return Map.of(
                "HOME", opencodeHome.toString(),
                "XDG_CONFIG_HOME", opencodeHome.resolve(".config").toString(),
                "XDG_DATA_HOME", opencodeHome.resolve(".local/share").toString(),
                "XDG_CACHE_HOME", opencodeHome.resolve(".cache").toString(),
                "XDG_STATE_HOME", opencodeHome.resolve(".local/state").toString(),
                "OPENCODE_CONFIG_CONTENT", config,
                // there is no internet here: do not wait for the model catalogue (about 6 s)
                "OPENCODE_DISABLE_MODELS_FETCH", "1",
                "OPENCODE_DISABLE_LSP_DOWNLOAD", "1");
    }

    @AfterEach
    void stop() {
        if (baton != null) baton.close();
        if (server != null) server.close();
    }

    private TaskId add(String prompt, String title) {
        return baton.add(
                TaskSpec.builder(prompt).title(title).repo(repo.toString()).build());
    }

    private Task awaitEnd(TaskId id) {
        Eventually.await("task " + id + " to end", Duration.ofSeconds(90), () -> baton.task(id)
                .status()
                .isTerminal());
        return baton.task(id);
    }

    private List<Event> events(TaskId id, String type) {
        return baton.baton.tasks().events(id, 0, 10_000).stream()
                .filter(e -> e.type().equals(type))
                .toList();
    }

    @Test
    void createsAndEditsAFileWithItsOwnToolsAndTheChangeIsCommittedWithItsUsage() {
        server.script(Script.of(
                Turn.tool("write", Map.of("filePath", "notes.txt", "content", "first draft\n")),
                Turn.tool("edit", Map.of("filePath", "notes.txt", "oldString", "first", "newString", "final")),
                Turn.text("Created notes.txt and edited it.")));

        TaskId id = add("Create notes.txt, then edit it", "Notes file");
        Task task = awaitEnd(id);

        assertThat(task.status())
                .as("%s: %s", task.failureReason(), task.failureDetail())
                .isEqualTo(TaskStatus.COMPLETED);
        Run run = baton.runs(id).getFirst();
        assertThat(run.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(GitRepos.git(repo, "show", task.branch() + ":notes.txt")).isEqualTo("final draft");
        assertThat(run.result().summary()).isEqualTo("Created notes.txt and edited it.");
        assertThat(run.result().sessionId()).startsWith("ses_");
        assertThat(run.result().usage().inputTokens()).isEqualTo(300);
        assertThat(run.result().usage().outputTokens()).isEqualTo(60);
        assertThat(run.result().usage().costUsd()).isPositive(); // priced from Baton's table: opencode says 0
        assertThat(events(id, EventTypes.AGENT_TOOL_CALL))
                .extracting(e -> e.data().get("name"))
                .containsExactly("write", "edit");
        assertThat(events(id, EventTypes.AGENT_SESSION)).singleElement().satisfies(e -> assertThat(e.data())
                .containsEntry("model", MODEL));
        assertThat(server.unhandled()).isEmpty();
        // Baton's own title spared opencode's title request: only the three scripted turns were asked for
        assertThat(server.script().requests()).hasSize(3);
    }

    @Test
    void aRateLimitFailsTheRunAsRateLimitedWithItsResetTime() {
        // opencode retries a 429 five times, waiting retry-after each time, then gives up and says so.
        Turn limited = Turn.error(429, "Rate limit reached for requests. Please try again in 1s.", 1);
        server.script(Script.of(limited, limited, limited, limited, limited, limited, limited));

        Instant before = Instant.now();
        TaskId id = add("Say hello", "Hello");
        Task task = awaitEnd(id);

        assertThat(task.status()).isEqualTo(TaskStatus.FAILED);
        assertThat(task.failureReason()).isEqualTo(FailureReason.RATE_LIMITED);
        assertThat(task.failureDetail()).contains("Rate limit reached", "HTTP 429", "the limit resets at");
        Event error = events(id, EventTypes.AGENT_ERROR).getLast();
        assertThat(error.data()).containsEntry("reason", "rate_limited");
        Instant resetAt = Instant.parse((String) error.data().get("reset_at"));
        assertThat(resetAt).isAfter(before).isBefore(Instant.now().plusSeconds(2));
        assertThat(task.failureDetail()).contains(resetAt.toString());
        assertThat(server.script().requests()).hasSize(6);
    }

    @Test
    void anAgentWhoseModelNeverAnswersIsStoppedAsStalled() {
        server.script(Script.of(Turn.hanging()));

        TaskId id = add("Say hello", "Hello");
        Task task = awaitEnd(id);

        assertThat(task.status()).isEqualTo(TaskStatus.FAILED);
        assertThat(task.failureReason()).isEqualTo(FailureReason.STALLED);
        // it stalled waiting for the model, not while starting
        assertThat(server.script().requests()).hasSize(1);
    }

    @Test
    void aRetryResumesTheSameOpencodeSessionWithItsEarlierConversation() {
        server.script(Script.of(
                Turn.error(400, "scripted failure: the request was rejected", null),
                Turn.text("Picked up where we left off.")));

        TaskId id = add("Write a haiku about batons", "Haiku");
        Task failed = awaitEnd(id);
        assertThat(failed.status()).isEqualTo(TaskStatus.FAILED);
        assertThat(failed.failureReason()).isEqualTo(FailureReason.API_ERROR);
        assertThat(failed.failureDetail()).contains("scripted failure", "HTTP 400");
        String session = baton.runs(id).getFirst().result().sessionId();
        assertThat(session).startsWith("ses_");

        baton.baton.tasks().retry(id);
        Eventually.await(
                "the retry to run", Duration.ofSeconds(10), () -> baton.runs(id).size() == 2);
        Task done = awaitEnd(id);

        assertThat(done.status())
                .as("%s: %s", done.failureReason(), done.failureDetail())
                .isEqualTo(TaskStatus.COMPLETED);
        Run second = baton.runs(id).getLast();
        assertThat(second.result().sessionId()).isEqualTo(session);
        assertThat(second.result().summary()).isEqualTo("Picked up where we left off.");
        String resumed = server.script().requests().getLast();
        // the earlier conversation travels with the follow-up: the first prompt is there as an earlier
        // user message, before the new one (a manual retry clears the task's failure, so no handoff note)
        assertThat(resumed.split("Write a haiku about batons", -1)).hasSize(3);
    }
}
