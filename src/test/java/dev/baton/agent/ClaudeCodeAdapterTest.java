package dev.baton.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.core.AgentProfile;
import dev.baton.core.FailureReason;
import dev.baton.core.Task;
import dev.baton.core.TaskId;
import dev.baton.core.TaskMode;
import dev.baton.core.TaskSpec;
import dev.baton.session.LaunchSpec;
import dev.baton.session.RunFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How the Claude Code adapter starts the CLI, checks its credentials and reads how a run ended. */
class ClaudeCodeAdapterTest {
    private static final Instant NOW = Instant.parse("2026-11-22T09:00:00Z");

    @TempDir
    Path dir;

    private final ClaudeCodeAgent asRoot = new ClaudeCodeAgent(Clock.fixed(NOW, ZoneOffset.UTC), true);
    private final ClaudeCodeAgent asUser = new ClaudeCodeAgent(Clock.fixed(NOW, ZoneOffset.UTC), false);

    @Test
    void anAutonomousTaskRunsHeadlessInStreamJsonWithoutPermissionPrompts() {
        LaunchSpec spec = asRoot.launchSpec(
                profile(List.of("/opt/claude/bin/claude"), Map.of("ANTHROPIC_BASE_URL", "http://gw")),
                task(TaskSpec.builder("Fix the bug").modelHint("claude-sonnet-4-5")),
                dir,
                dir.resolve("run"),
                null);

        assertThat(spec.command())
                .containsExactly(
                        "/opt/claude/bin/claude",
                        "-p",
                        "--output-format",
                        "stream-json",
                        "--verbose",
                        "--model",
                        "claude-sonnet-4-5",
                        "--dangerously-skip-permissions",
                        "--",
                        "Fix the bug");
        assertThat(spec.env())
                .containsEntry("IS_SANDBOX", "1")
                .containsEntry("DISABLE_AUTOUPDATER", "1")
                .containsEntry("ANTHROPIC_BASE_URL", "http://gw")
                .containsEntry("BATON_TASK_ID", "t-1");
        assertThat(spec.workdir()).isEqualTo(dir);
    }

    @Test
    void notRootNeedsNoSandboxClaimAndTheProfileOverridesDefaults() {
        LaunchSpec spec = asUser.launchSpec(
                profile(List.of(), Map.of("DISABLE_AUTOUPDATER", "0")),
                task(TaskSpec.builder("Fix the bug")),
                dir,
                dir.resolve("run"),
                null);

        assertThat(spec.command().getFirst()).isEqualTo("claude");
        assertThat(spec.command()).doesNotContain("--model");
        assertThat(spec.env()).doesNotContainKey("IS_SANDBOX").containsEntry("DISABLE_AUTOUPDATER", "0");
    }

    @Test
    void aSupervisedAgentAsksBatonThroughThePermissionPromptTool() throws Exception {
        AgentProfile supervised = new AgentProfile(
                "claude", ClaudeCodeAgent.KIND, Set.of(), 1, List.of(), Map.of(), dev.baton.core.SafetyTier.SUPERVISED);
        LaunchSpec spec = asRoot.launchSpec(
                supervised, task(TaskSpec.builder("Fix the bug")), dir, dir.resolve("home/runs/t-1.1"), null);

        assertThat(spec.command()).doesNotContain("--dangerously-skip-permissions");
        int tool = spec.command().indexOf("--permission-prompt-tool");
        assertThat(spec.command().get(tool + 1)).isEqualTo("mcp__baton__approve");
        String config = spec.command().get(spec.command().indexOf("--mcp-config") + 1);
        var server = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(config)
                .get("mcpServers")
                .get("baton");
        assertThat(server.get("type").asText()).isEqualTo("stdio");
        assertThat(server.get("args").toString())
                .contains("\"mcp-permissions\"", "\"--home\",\"" + dir.resolve("home") + "\"")
                .contains("\"--task\",\"t-1\"", "\"--run\",\"t-1.1\"", "\"--safety\",\"supervised\"");
        assertThat(spec.env()).doesNotContainKey("IS_SANDBOX");
    }

    @Test
    void readOnlyAndPlanFirstTasksRunInPlanMode() {
        for (TaskMode mode : List.of(TaskMode.READ_ONLY, TaskMode.PLAN_FIRST)) {
            LaunchSpec spec = asRoot.launchSpec(
                    profile(List.of("claude", "--max-turns", "5"), Map.of()),
                    task(TaskSpec.builder("Review the code").mode(mode)),
                    dir,
                    dir.resolve("run"),
                    null);

            assertThat(spec.command()).doesNotContain("--dangerously-skip-permissions");
            assertThat(String.join(" ", spec.command()))
                    .endsWith("--permission-mode plan --max-turns 5 -- Review the code");
            assertThat(spec.env()).doesNotContainKey("IS_SANDBOX");
        }
    }

    @Test
    void aFollowUpResumesTheSessionAndSaysWhyInThePrompt() {
        Task failedBefore =
                task(TaskSpec.builder("Fix the bug")).withFailure(FailureReason.API_ERROR, "API Error: 500");

        LaunchSpec spec = asRoot.launchSpec(profile(List.of(), Map.of()), failedBefore, dir, dir.resolve("run"), "s-1");

        assertThat(spec.command()).containsSequence("--resume", "s-1");
        String prompt = spec.command().getLast();
        assertThat(prompt)
                .startsWith("Baton resumed this session")
                .contains("Previous attempt failed: API Error: 500")
                .endsWith("\n\nFix the bug");
    }

    @Test
    void preflightAcceptsAKeyATokenOrALoginAndNamesWhatIsMissing() throws Exception {
        Path home = Files.createDirectories(dir.resolve("home"));
        AgentProfile bare = profile(List.of(), Map.of());

        assertThat(ClaudeCodeAgent.missingCredentials(bare, Map.of("HOME", home.toString())))
                .contains("ANTHROPIC_API_KEY", "/login");
        assertThat(ClaudeCodeAgent.missingCredentials(bare, Map.of("HOME", home.toString(), "ANTHROPIC_API_KEY", "k")))
                .isNull();
        assertThat(ClaudeCodeAgent.missingCredentials(
                        profile(List.of(), Map.of("ANTHROPIC_AUTH_TOKEN", "t")), Map.of("HOME", home.toString())))
                .isNull();
        assertThat(ClaudeCodeAgent.missingCredentials(bare, Map.of("HOME", home.toString(), "ANTHROPIC_API_KEY", " ")))
                .isNotNull();

        Files.writeString(home.resolve(".claude.json"), "{\"numStartups\":3}"); // any run leaves one
        assertThat(ClaudeCodeAgent.missingCredentials(bare, Map.of("HOME", home.toString())))
                .isNotNull();
        Files.writeString(home.resolve(".claude.json"), "{\"oauthAccount\":{\"emailAddress\":\"a@b\"}}");
        assertThat(ClaudeCodeAgent.missingCredentials(bare, Map.of("HOME", home.toString())))
                .isNull();

        Path other = Files.createDirectories(dir.resolve("other/.claude"));
        Files.writeString(other.resolve(".credentials.json"), "{}");
        assertThat(ClaudeCodeAgent.missingCredentials(
                        bare, Map.of("HOME", dir.resolve("other").toString())))
                .isNull();
    }

    @Test
    void outcomeIsSuccessOnlyWhenTheResultSaysSo() throws Exception {
        RunFiles files = files("");
        assertThat(asRoot.outcome(0, files, transcript(new AgentEvent.Result("done", false))))
                .isEqualTo(RunOutcome.success("done"));

        RunOutcome apiError = asRoot.outcome(
                1,
                files,
                transcript(
                        new AgentEvent.Error("API Error: 400 bad", FailureReason.API_ERROR, null),
                        new AgentEvent.Result("API Error: 400 bad", true)));
        assertThat(apiError.reason()).isEqualTo(FailureReason.API_ERROR);
        assertThat(apiError.detail()).isEqualTo("API Error: 400 bad");

        RunOutcome limited = asRoot.outcome(
                1,
                files,
                transcript(
                        new AgentEvent.Error("API Error: Request rejected (429)", FailureReason.RATE_LIMITED, NOW),
                        new AgentEvent.Result("API Error: Request rejected (429)", true)));
        assertThat(limited.reason()).isEqualTo(FailureReason.RATE_LIMITED);
        assertThat(limited.detail()).endsWith("resets at " + NOW);

        RunOutcome noAuth = asRoot.outcome(
                1,
                files,
                transcript(
                        new AgentEvent.Error("Not logged in · Please run /login", FailureReason.AUTH_MISSING, null),
                        new AgentEvent.Result("Not logged in · Please run /login", true)));
        assertThat(noAuth.reason()).isEqualTo(FailureReason.AUTH_MISSING);
        assertThat(noAuth.detail()).contains("ANTHROPIC_API_KEY");
    }

    @Test
    void aRunThatSucceedsDespiteDenialsSucceedsAndOneThatFailsOverThemIsPermissionDenied() throws Exception {
        AgentEvent.Error denied =
                new AgentEvent.Error("permission denied for Write", FailureReason.PERMISSION_DENIED, null);
        assertThat(asRoot.outcome(0, files(""), transcript(denied, new AgentEvent.Result("could not write", false)))
                        .succeeded())
                .isTrue();
        assertThat(asRoot.outcome(1, files(""), transcript(denied, new AgentEvent.Result("error_max_turns", true)))
                        .reason())
                .isEqualTo(FailureReason.PERMISSION_DENIED);
    }

    @Test
    void aMissingBinaryAndACrashAreNamed() throws Exception {
        RunOutcome missing = asRoot.outcome(127, files("sh: 1: /opt/none/claude: not found\n"), new Transcript());
        assertThat(missing.reason()).isEqualTo(FailureReason.BINARY_MISSING);
        assertThat(missing.detail()).contains("not found", "npm install -g @anthropic-ai/claude-code");

        Transcript started = transcript(new AgentEvent.SessionStarted("s-1", "m"));
        RunOutcome crashed = asRoot.outcome(134, files("FATAL ERROR: heap out of memory\n"), started);
        assertThat(crashed.reason()).isEqualTo(FailureReason.AGENT_CRASHED);
        assertThat(crashed.detail()).contains("exit 134", "heap out of memory");

        RunOutcome silent = asRoot.outcome(0, files(""), started);
        assertThat(silent.reason()).isEqualTo(FailureReason.AGENT_CRASHED);
    }

    private RunFiles files(String stderr) throws Exception {
        Path run = Files.createDirectories(dir.resolve("run-" + System.nanoTime()));
        Files.writeString(run.resolve("stderr.log"), stderr);
        return new RunFiles(run);
    }

    private static Transcript transcript(AgentEvent... events) {
        Transcript transcript = new Transcript();
        for (AgentEvent event : events) transcript.add(event);
        return transcript;
    }

    private static AgentProfile profile(List<String> command, Map<String, String> env) {
        return new AgentProfile(
                "claude", ClaudeCodeAgent.KIND, Set.of(), 1, command, env, dev.baton.core.SafetyTier.FULL);
    }

    private static Task task(TaskSpec.Builder spec) {
        return Task.create(TaskId.of("t-1"), spec.build(), NOW);
    }
}
