package dev.baton.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.core.AgentProfile;
import dev.baton.core.FailureReason;
import dev.baton.core.Task;
import dev.baton.core.TaskId;
import dev.baton.core.TaskMode;
import dev.baton.core.TaskSpec;
import dev.baton.session.ExecResult;
import dev.baton.session.LaunchSpec;
import dev.baton.session.LocalProcessLauncher;
import dev.baton.session.RunFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How the opencode adapter starts a run and judges its end, with real shells but no opencode. */
class OpencodeLaunchTest {
    @TempDir
    Path dir;

    private static final String CONFIG = "{\"model\":\"local/gpt-4.1\",\"provider\":{\"local\":{}}}";

    private static AgentProfile profile(List<String> command, Map<String, String> env) {
        return new AgentProfile("opencode", OpencodeAgent.KIND, Set.of(), 1, command, env);
    }

    private static Task task(TaskSpec spec) {
        return Task.create(TaskId.of("t-000001"), spec, Instant.EPOCH);
    }

    private Map<String, String> emptyHome() {
        return Map.of("HOME", dir.resolve("home").toString());
    }

    @Test
    void anAutonomousRunIsHeadlessJsonWithApprovalsGrantedAndThePromptLast() {
        LaunchSpec spec = new OpencodeAgent(emptyHome())
                .launchSpec(
                        profile(List.of("/opt/opencode"), Map.of("OPENCODE_CONFIG_CONTENT", CONFIG)),
                        task(TaskSpec.builder("-fix the bug").title("-Fix").build()),
                        dir,
                        dir.resolve("run"),
                        null);

        List<String> command = spec.command();
        assertThat(command.subList(0, 2)).containsExactly("/bin/sh", "-c");
        assertThat(command.get(4)).isEqualTo("{\"type\":\"baton.launch\",\"model\":\"local/gpt-4.1\"}");
        assertThat(command.subList(5, 9)).containsExactly("/opt/opencode", "run", "--format", "json");
        assertThat(command).contains("--auto", "--print-logs", "--title=-Fix").doesNotContain("--session", "--agent");
        assertThat(command.subList(command.size() - 2, command.size())).containsExactly("--", "-fix the bug");
        assertThat(spec.env())
                .containsEntry("OPENCODE_DISABLE_AUTOUPDATE", "1")
                .containsEntry("OPENCODE_CONFIG_CONTENT", CONFIG);
    }

    @Test
    void aReadOnlyTaskUsesThePlanAgentAFollowUpItsSessionAndAModelHintItsModel() {
        Task task = task(TaskSpec.builder("explain the code")
                        .mode(TaskMode.READ_ONLY)
                        .modelHint("anthropic/claude-sonnet-4")
                        .build())
                .withFailure(FailureReason.API_ERROR, "overloaded");
        LaunchSpec spec = new OpencodeAgent(Map.of("ANTHROPIC_API_KEY", "k"))
                .launchSpec(
                        profile(List.of("opencode", "--variant", "high"), Map.of()),
                        task,
                        dir,
                        dir.resolve("run"),
                        "ses_123");

        assertThat(spec.command())
                .containsSubsequence("--agent", "plan")
                .containsSubsequence("--model", "anthropic/claude-sonnet-4")
                .containsSubsequence("--session", "ses_123")
                .containsSubsequence("--variant", "high", "--")
                .doesNotContain("--auto");
        assertThat(spec.command().get(4)).contains("anthropic/claude-sonnet-4");
        assertThat(spec.command().getLast()).isEqualTo("explain the code\n\nPrevious attempt failed: overloaded");
    }

    @Test
    void credentialsAreFoundInKeysConfigurationOrTheLoginFile() throws IOException {
        AgentProfile bare = profile(List.of(), Map.of());
        assertThat(OpencodeAgent.missingCredentials(bare, emptyHome()))
                .contains("opencode has no credentials", "opencode auth login", "OPENAI_API_KEY");
        assertThat(OpencodeAgent.missingCredentials(profile(List.of(), Map.of("OPENAI_API_KEY", "sk")), emptyHome()))
                .isNull();
        assertThat(OpencodeAgent.missingCredentials(
                        profile(List.of(), Map.of("OPENCODE_CONFIG_CONTENT", CONFIG)), emptyHome()))
                .isNull();

        Path auth = dir.resolve("home/.local/share/opencode/auth.json");
        Files.createDirectories(auth.getParent());
        Files.writeString(auth, "{}");
        assertThat(OpencodeAgent.missingCredentials(bare, emptyHome())).isNotNull();
        Files.writeString(auth, "{\"anthropic\":{\"type\":\"oauth\",\"refresh\":\"r\"}}");
        assertThat(OpencodeAgent.missingCredentials(bare, emptyHome())).isNull();
    }

    @Test
    void missingCredentialsFailTheRunAtOnceAsAuthMissing() {
        OpencodeAgent agent = new OpencodeAgent(emptyHome());
        LaunchSpec spec = agent.launchSpec(
                profile(List.of("opencode"), Map.of()),
                task(TaskSpec.builder("x").build()),
                dir,
                dir,
                null);

        RunOutcome outcome = run(agent, spec);

        assertThat(outcome.reason()).isEqualTo(FailureReason.AUTH_MISSING);
        assertThat(outcome.detail()).contains("opencode has no credentials");
    }

    @Test
    void aMissingBinaryIsNamedWithHowToInstallIt() {
        OpencodeAgent agent = new OpencodeAgent(Map.of("OPENAI_API_KEY", "k"));
        LaunchSpec spec = agent.launchSpec(
                profile(List.of(dir.resolve("no/opencode").toString()), Map.of()),
                task(TaskSpec.builder("x").build()),
                dir,
                dir,
                null);

        RunOutcome outcome = run(agent, spec);

        assertThat(outcome.reason()).isEqualTo(FailureReason.BINARY_MISSING);
        assertThat(outcome.detail()).contains("npm install -g opencode-ai", "no/opencode");
    }

    @Test
    void anExitWithoutAFinalAnswerIsACrashAndOneWithAnAnswerASuccess() throws IOException {
        OpencodeAgent agent = new OpencodeAgent(Map.of());
        RunFiles files = new RunFiles(dir);
        Files.writeString(files.stderr(), "timestamp=x level=INFO message=init\nError: Session not found\n");
        Transcript started = new Transcript();
        started.add(new AgentEvent.SessionStarted("ses_1", null));

        RunOutcome crashed = agent.outcome(1, files, started);
        assertThat(crashed.reason()).isEqualTo(FailureReason.AGENT_CRASHED);
        assertThat(crashed.detail()).endsWith("Error: Session not found");

        started.add(
                new AgentEvent.Error("permission denied for bash: rejected", FailureReason.PERMISSION_DENIED, null));
        assertThat(agent.outcome(0, files, started).reason()).isEqualTo(FailureReason.PERMISSION_DENIED);

        started.add(new AgentEvent.Result("done", false));
        assertThat(agent.outcome(0, files, started)).isEqualTo(RunOutcome.success("done"));
    }

    /** Runs the launch command for real and reads its end the way the engine does. */
    private RunOutcome run(OpencodeAgent agent, LaunchSpec spec) {
        ExecResult result = new LocalProcessLauncher().exec(spec.command(), dir, spec.env(), Duration.ofSeconds(10));
        try {
            Path runDir = Files.createDirectories(dir.resolve("run-" + System.nanoTime()));
            RunFiles files = new RunFiles(runDir);
            Files.writeString(files.stdout(), result.stdout());
            Files.writeString(files.stderr(), result.stderr());
            Transcript transcript = new Transcript();
            StreamParser parser = agent.parser();
            result.stdout().lines().flatMap(line -> parser.parse(line).stream()).forEach(transcript::add);
            return agent.outcome(result.exitCode(), files, transcript);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
