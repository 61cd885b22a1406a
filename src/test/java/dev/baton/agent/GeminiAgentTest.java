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
import dev.baton.testing.model.GeminiApi;
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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real Gemini CLI (pinned by {@link AgentClis}) driven through Baton, against a scripted model
 * server that speaks the Gemini API, in a real git repository.
 */
class GeminiAgentTest {
    @TempDir
    Path dir;

    private ScriptedModelServer model;
    private Path repo;

    @BeforeEach
    void setUp() throws IOException {
        model = ScriptedModelServer.start(new GeminiApi());
        repo = GitRepos.create(dir.resolve("repo"));
    }

    @AfterEach
    void tearDown() {
        model.close();
    }

    @Test
    void createsAndEditsAFileAndTheChangesAreCommittedWithUsage() throws Exception {
        model.script(Script.of(
                Turn.tool("write_file", Map.of("file_path", "notes.txt", "content", "first line\n")),
                Turn.tool(
                        "replace",
                        Map.of(
                                "file_path",
                                "notes.txt",
                                "instruction",
                                "Edit the first line.",
                                "old_string",
                                "first line",
                                "new_string",
                                "first line, edited")),
                Turn.text("Created notes.txt and edited it.")));

        try (TestBaton baton = baton(TestBaton.fastConfig(2))) {
            baton.start();
            // No model named: the CLI first asks its router model, which the server answers from the schema.
            TaskId id = baton.add(spec("Create notes.txt, then edit it").build());
            baton.awaitIdle();

            Task task = baton.task(id);
            Run run = baton.runs(id).getFirst();
            assertThat(task.status()).as(describe(baton, id)).isEqualTo(TaskStatus.COMPLETED);
            assertThat(GitRepos.git(repo, "show", task.branch() + ":notes.txt")).isEqualTo("first line, edited");
            assertThat(run.result().summary()).contains("Created notes.txt and edited it.");
            assertThat(run.result().sessionId()).isNotBlank();
            assertThat(run.result().usage().inputTokens()).isGreaterThanOrEqualTo(300);
            assertThat(run.result().usage().outputTokens()).isGreaterThanOrEqualTo(60);
            assertThat(events(baton, id, EventTypes.AGENT_TOOL_CALL))
                    .extracting(e -> e.data().get("name"))
                    .containsExactly("write_file", "replace");
            assertThat(events(baton, id, EventTypes.AGENT_TOOL_RESULT))
                    .allMatch(e -> e.data().get("failed").equals(false));
            assertThat(model.script().requests()).anyMatch(r -> r.contains(":generateContent"));
            assertThat(model.unhandled()).isEmpty();
        }
    }

    @Test
    void aRateLimitFailsTheRunAsRateLimitedWithItsResetTime() throws Exception {
        model.script(Script.of(Turn.error(429, "Resource has been exhausted (e.g. check quota).", 120)));

        try (TestBaton baton = baton(withoutRetries(TestBaton.fastConfig(2)))) {
            baton.start();
            Instant before = Instant.now();
            TaskId id =
                    baton.add(spec("Say hello").modelHint("gemini-2.5-flash").build());
            baton.awaitIdle();
            Instant after = Instant.now();

            Task task = baton.task(id);
            assertThat(task.status()).as(describe(baton, id)).isEqualTo(TaskStatus.FAILED);
            assertThat(task.failureReason()).isEqualTo(FailureReason.RATE_LIMITED);
            Event error = events(baton, id, EventTypes.AGENT_ERROR).getFirst();
            assertThat(error.data()).containsEntry("reason", "rate_limited");
            Instant resetAt = Instant.parse((String) error.data().get("reset_at"));
            assertThat(resetAt).isBetween(before.plusSeconds(119), after.plusSeconds(121));
            assertThat(task.failureDetail()).contains("resets at " + resetAt);
        }
    }

    @Test
    void aModelThatStopsAnsweringIsStoppedAsStalled() throws Exception {
        model.script(Script.of(Turn.hanging()));

        try (TestBaton baton = baton(withoutRetries(TestBaton.fastConfig(2).withStallTimeout(Duration.ofSeconds(5))))) {
            baton.start();
            TaskId id =
                    baton.add(spec("Say hello").modelHint("gemini-2.5-flash").build());
            baton.awaitIdle();

            Task task = baton.task(id);
            assertThat(task.status()).as(describe(baton, id)).isEqualTo(TaskStatus.FAILED);
            assertThat(task.failureReason()).isEqualTo(FailureReason.STALLED);
            assertThat(baton.runs(id).getFirst().status()).isEqualTo(RunStatus.FAILED);
        }
    }

    @Test
    void aRetryResumesTheSameGeminiSessionWithItsConversation() throws Exception {
        model.script(Script.of(
                Turn.tool("write_file", Map.of("file_path", "step1.txt", "content", "one\n")),
                Turn.error(400, "Invalid argument: scripted failure", null),
                Turn.text("Resumed: step one is there, finishing.")));

        try (TestBaton baton = baton(withoutRetries(TestBaton.fastConfig(2)))) {
            baton.start();
            TaskId id = baton.add(spec("Write step1.txt (ticket BATON-77)")
                    .modelHint("gemini-2.5-flash")
                    .build());
            baton.awaitIdle();
            Task failed = baton.task(id);
            assertThat(failed.status()).as(describe(baton, id)).isEqualTo(TaskStatus.FAILED);
            assertThat(failed.failureReason()).isEqualTo(FailureReason.API_ERROR);
            String firstSession = baton.runs(id).getFirst().result().sessionId();
            assertThat(firstSession).isNotBlank();
            int requestsBefore = model.script().requests().size();

            baton.baton.tasks().retry(id);
            baton.engine.wake();
            baton.awaitIdle();

            Task task = baton.task(id);
            List<Run> runs = baton.runs(id);
            assertThat(task.status()).as(describe(baton, id)).isEqualTo(TaskStatus.COMPLETED);
            assertThat(runs).hasSize(2);
            assertThat(runs.get(1).result().sessionId()).isEqualTo(firstSession);
            assertThat(runs.get(1).result().summary()).contains("Resumed: step one is there");
            // The resumed run's request carries the earlier conversation: the first prompt and tool call.
            String resumedRequest =
                    model
                            .script()
                            .requests()
                            .subList(requestsBefore, model.script().requests().size())
                            .stream()
                            .filter(r -> r.contains(":streamGenerateContent"))
                            .findFirst()
                            .orElseThrow();
            assertThat(resumedRequest)
                    .contains("BATON-77")
                    .contains("\"functionCall\"")
                    .contains("step1.txt");
            assertThat(GitRepos.git(repo, "show", task.branch() + ":step1.txt")).isEqualTo("one");
            // The first run's usage (one answered turn) and the second one are each priced: a known model.
            assertThat(runs.get(1).result().usage().costUsd()).isNotNull().isPositive();
        }
    }

    @Test
    void withoutAuthSettingsTheCliItselfRefusesAndTheRunIsAuthMissing() throws Exception {
        // No scratch home: the CLI reads the (empty) user home, where no auth method is selected.
        Path emptyHome = Files.createDirectories(dir.resolve("empty-home"));
        Map<String, String> env = Map.of(
                "GOOGLE_GEMINI_BASE_URL", model.baseUrl(), "GEMINI_API_KEY", "test-key", "HOME", emptyHome.toString());

        try (TestBaton baton = baton(
                withoutRetries(TestBaton.fastConfig(2)),
                AgentClis.binary(AgentClis.GEMINI, "gemini").toString(),
                env)) {
            baton.start();
            TaskId id = baton.add(spec("Say hello").build());
            baton.awaitIdle();

            Task task = baton.task(id);
            assertThat(task.failureReason()).as(describe(baton, id)).isEqualTo(FailureReason.AUTH_MISSING);
            assertThat(task.failureDetail()).contains("Invalid auth method selected");
            assertThat(baton.runs(id).getFirst().exitCode()).isEqualTo(41);
            assertThat(model.script().requests()).isEmpty();
        }
    }

    @Test
    void aMissingBinaryIsNamedWithHowToInstallIt() throws Exception {
        Map<String, String> env = Map.of("GEMINI_API_KEY", "test-key", "HOME", dir.toString());
        try (TestBaton baton = baton(
                withoutRetries(TestBaton.fastConfig(2)),
                dir.resolve("no/gemini").toString(),
                env)) {
            baton.start();
            TaskId id = baton.add(spec("Say hello").build());
            baton.awaitIdle();

            Task task = baton.task(id);
            assertThat(task.failureReason()).as(describe(baton, id)).isEqualTo(FailureReason.BINARY_MISSING);
            assertThat(task.failureDetail()).contains("npm install -g @google/gemini-cli");
        }
    }

    private TestBaton baton(EngineConfig config) throws IOException {
        Path userHome = Files.createDirectories(dir.resolve("user-home"));
        return baton(
                config,
                AgentClis.binary(AgentClis.GEMINI, "gemini").toString(),
                Map.of(
                        "GOOGLE_GEMINI_BASE_URL", model.baseUrl(),
                        "GEMINI_API_KEY", "test-key",
                        "BATON_SCRATCH_HOME", "1",
                        "BATON_GEMINI_MAX_ATTEMPTS", "1",
                        // The agent's own tools must not touch the real home of this machine either.
                        "HOME", userHome.toString()));
    }

    private TestBaton baton(EngineConfig config, String binary, Map<String, String> env) {
        AgentProfile profile = new AgentProfile(
                "gemini", GeminiAgent.KIND, Set.of("code_execution", "file_access", "shell"), 2, List.of(binary), env);
        return new TestBaton(
                dir.resolve("baton"),
                config,
                AgentRegistry.builder()
                        .adapter(new GeminiAgent())
                        .profile(profile)
                        .build());
    }

    private TaskSpec.Builder spec(String prompt) {
        return TaskSpec.builder(prompt)
                .repo(repo.toString())
                .preferredAgent("gemini")
                .timeout(Duration.ofMinutes(2));
    }

    private static EngineConfig withoutRetries(EngineConfig c) {
        return new EngineConfig(
                c.maxConcurrentRuns(),
                c.pollInterval(),
                c.leaseDuration(),
                c.killGrace(),
                c.retryBackoff(),
                c.maxRetryBackoff(),
                c.outputEventInterval(),
                0,
                c.stallTimeout());
    }

    private static List<Event> events(TestBaton baton, TaskId id, String type) {
        return baton.baton.tasks().events(id, 0, 10_000).stream()
                .filter(e -> e.type().equals(type))
                .toList();
    }

    /** What happened, for a failing assertion: the task's events and the run's stderr. */
    private static String describe(TestBaton baton, TaskId id) {
        StringBuilder text = new StringBuilder();
        baton.baton
                .tasks()
                .events(id, 0, 10_000)
                .forEach(e -> text.append(e.type()).append(' ').append(e.data()).append('\n'));
        for (Run run : baton.runs(id)) {
            try {
                text.append("stderr of ").append(run.id()).append(":\n");
                text.append(Files.readString(Path.of(run.runDir()).resolve("stderr.log")));
            } catch (IOException e) {
                text.append("(no stderr)\n");
            }
        }
        return text.toString();
    }
}
