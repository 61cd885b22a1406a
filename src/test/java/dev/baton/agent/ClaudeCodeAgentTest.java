package dev.baton.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.core.AgentProfile;
import dev.baton.core.Event;
import dev.baton.core.EventTypes;
import dev.baton.core.FailureReason;
import dev.baton.core.Run;
import dev.baton.core.Task;
import dev.baton.core.TaskId;
import dev.baton.core.TaskSpec;
import dev.baton.core.TaskStatus;
import dev.baton.engine.EngineConfig;
import dev.baton.testing.AgentClis;
import dev.baton.testing.GitRepos;
import dev.baton.testing.TestBaton;
import dev.baton.testing.model.AnthropicMessages;
import dev.baton.testing.model.Script;
import dev.baton.testing.model.ScriptedModelServer;
import dev.baton.testing.model.Turn;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real Claude Code CLI driven by Baton in a real git repository, against the scripted model
 * server speaking the Anthropic Messages API. Offline: the CLI's non-essential traffic, telemetry and
 * updater are off, and its HOME is a temp folder.
 */
class ClaudeCodeAgentTest {
    private static final String MODEL = "claude-sonnet-4-5";
    private static final Duration STALL = Duration.ofSeconds(5);
    private static Path claude;

    @TempDir
    Path dir;

    private ScriptedModelServer server;
    private Path repo;

    @BeforeAll
    static void installClaude() {
        claude = AgentClis.binary(AgentClis.CLAUDE, "claude");
    }

    @BeforeEach
    void startServer() throws Exception {
        server = ScriptedModelServer.start(new AnthropicMessages());
        repo = GitRepos.create(dir.resolve("repo"));
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    @Test
    void createsAndEditsAFileAndTheChangesAreCommittedOnTheRunsBranch() throws Exception {
        server.script(Script.of(
                Turn.tool("Write", Map.of("file_path", "hello.txt", "content", "hello\n")),
                Turn.tool("Edit", Map.of("file_path", "hello.txt", "old_string", "hello", "new_string", "hello world")),
                Turn.tool("Bash", Map.of("command", "cat hello.txt", "description", "Show the file")),
                Turn.text("Created hello.txt and edited it.")));

        try (TestBaton f = baton(Map.of())) {
            f.start();
            TaskId id = f.add(task("Create hello.txt saying hello world"));
            f.awaitIdle();

            Task task = f.task(id);
            assertThat(task.status()).as(describe(f, id)).isEqualTo(TaskStatus.COMPLETED);
            assertThat(GitRepos.git(repo, "show", task.branch() + ":hello.txt")).isEqualTo("hello world");
            assertThat(GitRepos.git(repo, "log", "--format=%s", "-1", task.branch()))
                    .startsWith("baton: changes left by claude");

            Run run = f.runs(id).getLast();
            assertThat(run.result().sessionId()).isNotBlank();
            assertThat(run.result().summary()).isEqualTo("Created hello.txt and edited it.");
            assertThat(run.result().usage().inputTokens()).isEqualTo(400); // 4 turns of 100
            assertThat(run.result().usage().outputTokens()).isEqualTo(80);
            assertThat(run.result().usage().costUsd()).isPositive();

            List<Event> events = events(f, id);
            assertThat(events)
                    .filteredOn(e -> e.type().equals(EventTypes.AGENT_TOOL_CALL))
                    .extracting(e -> e.data().get("name"))
                    .containsExactly("Write", "Edit", "Bash");
            assertThat(events)
                    .filteredOn(e -> e.type().equals(EventTypes.AGENT_TOOL_RESULT))
                    .extracting(e -> e.data().get("failed"))
                    .containsExactly(false, false, false);
            assertThat(server.unhandled()).isEmpty();
        }
    }

    @Test
    void aSupervisedAgentsRiskyToolCallWaitsForAPersonThroughThePermissionTool() throws Exception {
        server.script(Script.of(
                Turn.tool("Write", Map.of("file_path", "notes.txt", "content", "safe\n")),
                Turn.tool(
                        "Bash", Map.of("command", "sudo -n true 2>/dev/null; echo after-approval", "description", "x")),
                Turn.tool("Bash", Map.of("command", "git push --force origin main", "description", "y")),
                Turn.text("Done.")));

        try (TestBaton f = baton(Map.of(), claude, dev.baton.core.SafetyTier.SUPERVISED, Duration.ofSeconds(90))) {
            f.start();
            TaskId id = f.add(task("Write notes, then run a command as root"));
            try {
                dev.baton.testing.Eventually.await(
                        "a permission question",
                        Duration.ofSeconds(60),
                        () -> !f.baton.decisions().pending().isEmpty());
            } catch (AssertionError e) {
                Path runDir = Path.of(f.runs(id).getLast().runDir());
                throw new AssertionError(
                        describe(f, id) + "\nstdout: "
                                + Files.readString(runDir.resolve("stdout.log")) + "\nstderr: "
                                + Files.readString(runDir.resolve("stderr.log")),
                        e);
            }
            var sudo = f.baton.decisions().pending().getFirst();
            assertThat(sudo.kind()).isEqualTo(dev.baton.core.DecisionKind.TOOL_PERMISSION);
            assertThat(sudo.details()).containsEntry("tool", "Bash").containsEntry("rule", "sudo");
            assertThat(sudo.runId()).isEqualTo(f.runs(id).getLast().id());
            f.baton.decisions().approve(sudo.id(), "cli:alice", "harmless with -n");
            dev.baton.testing.Eventually.await(
                    "the second question",
                    Duration.ofSeconds(60),
                    () -> !f.baton.decisions().pending().isEmpty());
            var push = f.baton.decisions().pending().getFirst();
            assertThat(push.details()).containsEntry("rule", "git push --force");
            f.baton.decisions().reject(push.id(), "cli:alice", "never force-push main");
            f.awaitIdle();

            assertThat(f.task(id).status()).as(describe(f, id)).isEqualTo(TaskStatus.COMPLETED);
            List<Event> events = events(f, id);
            assertThat(events)
                    .filteredOn(e -> e.type().equals(EventTypes.AGENT_TOOL_RESULT))
                    .extracting(e -> e.data().get("failed"))
                    .containsExactly(false, false, true); // Write allowed at once, sudo approved, push denied
            assertThat(server.script().requests().toString())
                    .contains("after-approval")
                    .contains("never force-push main");
        }
    }

    @Test
    void aRateLimitEndsAsRateLimitedWithTheResetTime() throws Exception {
        // The CLI shows the server's retry-after only when it retries, so allow it one quick retry.
        Turn limited = Turn.error(429, "Number of request tokens has exceeded your per-minute rate limit", 2);
        server.script(Script.of(limited, limited));
        Instant before = Instant.now();

        try (TestBaton f = baton(Map.of("CLAUDE_CODE_MAX_RETRIES", "1"))) {
            f.start();
            TaskId id = f.add(task("Do something"));
            f.awaitIdle();

            Task task = f.task(id);
            assertThat(task.status()).as(describe(f, id)).isEqualTo(TaskStatus.FAILED);
            assertThat(task.failureReason()).isEqualTo(FailureReason.RATE_LIMITED);
            assertThat(task.failureDetail()).contains("429", "per-minute rate limit", "resets at");

            Event error = events(f, id).stream()
                    .filter(e -> e.type().equals(EventTypes.AGENT_ERROR)
                            && "rate_limited".equals(e.data().get("reason")))
                    .findFirst()
                    .orElseThrow();
            Instant resetAt = Instant.parse((String) error.data().get("reset_at"));
            assertThat(resetAt).isAfter(before.plusSeconds(2));
            assertThat(task.failureDetail()).contains(resetAt.toString());
            assertThat(server.script().remaining()).isZero();
        }
    }

    @Test
    void aModelThatNeverAnswersStallsTheRun() throws Exception {
        server.script(Script.of(Turn.hanging()));

        try (TestBaton f = baton(Map.of())) {
            f.start();
            long started = System.nanoTime();
            TaskId id = f.add(task("Do something"));
            f.awaitIdle();

            Task task = f.task(id);
            assertThat(task.status()).as(describe(f, id)).isEqualTo(TaskStatus.FAILED);
            assertThat(task.failureReason()).isEqualTo(FailureReason.STALLED);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(STALL.multipliedBy(4));
        }
    }

    @Test
    void aRetryResumesTheAgentsSessionWithTheEarlierConversation() throws Exception {
        // The CLI answers a 400 by retrying with fewer beta features, so keep refusing.
        List<Turn> first = new java.util.ArrayList<>();
        first.add(Turn.tool("Write", Map.of("file_path", "notes.txt", "content", "first attempt\n")));
        IntStream.range(0, 12).forEach(i -> first.add(Turn.error(400, "scripted bad request", null)));
        server.script(Script.of(first.toArray(Turn[]::new)));

        try (TestBaton f = baton(Map.of())) {
            f.start();
            TaskId id = f.add(task("Write notes.txt"));
            f.awaitIdle();
            Task failed = f.task(id);
            assertThat(failed.status()).as(describe(f, id)).isEqualTo(TaskStatus.FAILED);
            assertThat(failed.failureReason()).isEqualTo(FailureReason.API_ERROR);
            assertThat(failed.failureDetail()).isEqualTo("API Error: 400 scripted bad request");
            String session = f.runs(id).getFirst().result().sessionId();
            assertThat(session).isNotBlank();

            server.script(Script.of(Turn.text("Finished notes.txt after the resume.")));
            f.baton.tasks().retry(id);
            f.engine.wake();
            f.awaitIdle();

            assertThat(f.task(id).status()).as(describe(f, id)).isEqualTo(TaskStatus.COMPLETED);
            List<Run> runs = f.runs(id);
            assertThat(runs).hasSize(2);
            assertThat(runs.getLast().result().sessionId()).isEqualTo(session);
            assertThat(runs.getLast().result().summary()).isEqualTo("Finished notes.txt after the resume.");
            String resumed = server.script().requests().stream()
                    .filter(r -> r.contains("\"tools\""))
                    .findFirst()
                    .orElseThrow();
            assertThat(resumed)
                    .contains("Write notes.txt") // the first run's prompt
                    .contains("\"name\":\"Write\"") // and its tool call
                    .contains("Baton resumed this session");
            assertThat(GitRepos.git(repo, "show", f.task(id).branch() + ":notes.txt"))
                    .isEqualTo("first attempt");
        }
    }

    @Test
    void aMissingBinaryIsNamedWithHowToInstallIt() throws Exception {
        try (TestBaton f = baton(Map.of(), dir.resolve("nowhere/claude"))) {
            f.start();
            TaskId id = f.add(task("Do something"));
            f.awaitIdle();

            Task task = f.task(id);
            assertThat(task.failureReason()).as(describe(f, id)).isEqualTo(FailureReason.BINARY_MISSING);
            assertThat(task.failureDetail())
                    .contains("nowhere/claude", "No such file", "npm install -g @anthropic-ai/claude-code");
        }
    }

    @Test
    void withoutCredentialsTheRunFailsAsAuthMissingAtOnce() throws Exception {
        Assumptions.assumeTrue(
                System.getenv("ANTHROPIC_API_KEY") == null && System.getenv("ANTHROPIC_AUTH_TOKEN") == null,
                "this machine's environment has Anthropic credentials, which a profile cannot remove");
        Map<String, String> noKey = new HashMap<>(Map.of("ANTHROPIC_API_KEY", ""));
        try (TestBaton f = baton(noKey, claude)) {
            AgentProfile profile = f.baton.agents().require("claude");
            assertThat(ClaudeCodeAgent.missingCredentials(profile, System.getenv()))
                    .contains("no credentials");

            f.start();
            TaskId id = f.add(task("Do something"));
            f.awaitIdle();

            Task task = f.task(id);
            assertThat(task.failureReason()).as(describe(f, id)).isEqualTo(FailureReason.AUTH_MISSING);
            assertThat(task.failureDetail()).contains("no credentials", "ANTHROPIC_API_KEY");
            assertThat(f.runs(id)).as("refused before anything was launched").allMatch(r -> r.pid() == null);
            assertThat(server.script().requests()).isEmpty();
        }
    }

    private TestBaton baton(Map<String, String> extraEnv) throws Exception {
        return baton(extraEnv, claude);
    }

    private TestBaton baton(Map<String, String> extraEnv, Path binary) throws Exception {
        return baton(extraEnv, binary, dev.baton.core.SafetyTier.FULL);
    }

    private TestBaton baton(Map<String, String> extraEnv, Path binary, dev.baton.core.SafetyTier tier)
            throws Exception {
        return baton(extraEnv, binary, tier, STALL);
    }

    private TestBaton baton(Map<String, String> extraEnv, Path binary, dev.baton.core.SafetyTier tier, Duration stall)
            throws Exception {
        Map<String, String> env = new HashMap<>();
        env.put("ANTHROPIC_BASE_URL", server.baseUrl());
        env.put("ANTHROPIC_API_KEY", "sk-ant-scripted-test-key");
        env.put("CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC", "1");
        env.put("DISABLE_TELEMETRY", "1");
        env.put("DISABLE_AUTOUPDATER", "1");
        env.put("CLAUDE_CODE_MAX_RETRIES", "0");
        env.put("HOME", Files.createDirectories(dir.resolve("claude-home")).toString());
        env.putAll(extraEnv);
        AgentProfile profile = new AgentProfile(
                "claude", ClaudeCodeAgent.KIND, Set.of("code", "shell"), 2, List.of(binary.toString()), env, tier);
        EngineConfig fast = TestBaton.fastConfig(2);
        // No automatic retries: each test looks at how one run ended.
        EngineConfig config = new EngineConfig(
                fast.maxConcurrentRuns(),
                fast.pollInterval(),
                fast.leaseDuration(),
                Duration.ofSeconds(1),
                fast.retryBackoff(),
                fast.maxRetryBackoff(),
                fast.outputEventInterval(),
                0,
                stall);
        return new TestBaton(
                dir.resolve("baton"),
                config,
                AgentRegistry.builder()
                        .adapter(new ClaudeCodeAgent())
                        .profile(profile)
                        .build());
    }

    private TaskSpec task(String prompt) {
        return TaskSpec.builder(prompt)
                .repo(repo.toString())
                .preferredAgent("claude")
                .modelHint(MODEL)
                .build();
    }

    private static List<Event> events(TestBaton f, TaskId id) {
        return f.baton.tasks().events(id, 0, 10_000);
    }

    /** What happened, for a failed assertion: the task, its runs and its events. */
    private String describe(TestBaton f, TaskId id) {
        StringBuilder text = new StringBuilder(f.task(id).toString());
        f.runs(id).forEach(r -> text.append("\nrun: ").append(r));
        events(f, id)
                .forEach(e -> text.append("\n  ").append(e.type()).append(' ').append(e.data()));
        text.append("\nunhandled requests: ").append(server.unhandled());
        return text.toString();
    }
}
