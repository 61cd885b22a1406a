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
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line, environment, prompt and outcome of the Gemini adapter, without running the CLI. */
class GeminiAgentLaunchTest {
    @TempDir
    Path dir;

    private final Map<String, String> keyed = Map.of("GEMINI_API_KEY", "k", "PATH", "/usr/bin");

    @Test
    void runsHeadlessWithStreamJsonYoloAndTheModelAndResumesASession() throws IOException {
        Task task = task(TaskSpec.builder("Fix the bug").modelHint("gemini-2.5-pro"));
        LaunchSpec spec = new GeminiAgent(keyed)
                .launchSpec(profile(Map.of()), task, workdir(), dir.resolve("home/runs/t-1"), "sess-1");

        assertThat(spec.command())
                .containsExactly(
                        "/opt/gemini",
                        "-p",
                        "Fix the bug",
                        "-o",
                        "stream-json",
                        "--skip-trust",
                        "--yolo",
                        "-m",
                        "gemini-2.5-pro",
                        "--resume",
                        "sess-1");
        assertThat(spec.env()).containsEntry("BATON_TASK_ID", task.id().value()).doesNotContainKey("GEMINI_CLI_HOME");
    }

    @Test
    void readOnlyTasksUseThePlanApprovalMode() throws IOException {
        LaunchSpec spec = new GeminiAgent(keyed)
                .launchSpec(
                        profile(Map.of()),
                        task(TaskSpec.builder("Review").mode(TaskMode.READ_ONLY)),
                        workdir(),
                        dir.resolve("home/runs/t-1"),
                        null);

        assertThat(spec.command()).containsSequence("--approval-mode", "plan").doesNotContain("--yolo", "-m");
    }

    @Test
    void aScratchHomeIsOnlyMadeWhenTheProfileAsksAndIsSharedByTheProfilesRuns() throws IOException {
        Path runDir = dir.resolve("home/runs/t-1");
        LaunchSpec spec = new GeminiAgent(keyed)
                .launchSpec(
                        profile(Map.of("BATON_SCRATCH_HOME", "1", "BATON_GEMINI_MAX_ATTEMPTS", "2")),
                        task(TaskSpec.builder("x")),
                        workdir(),
                        runDir,
                        null);

        Path scratch = dir.resolve("home/agent-homes/gemini-gem");
        assertThat(spec.env()).containsEntry("GEMINI_CLI_HOME", scratch.toString());
        String settings = Files.readString(scratch.resolve(".gemini/settings.json"));
        assertThat(settings)
                .contains("\"selectedType\": \"gemini-api-key\"")
                .contains("\"usageStatisticsEnabled\": false")
                .contains("\"enableAutoUpdate\": false")
                .contains("\"maxAttempts\": 2");
    }

    @Test
    void theProjectsAgentsAndClaudeFilesPrecedeThePromptOfANewSessionOnly() throws IOException {
        Path workdir = workdir();
        Files.writeString(workdir.resolve("AGENTS.md"), "Use tabs.\n");
        Files.writeString(workdir.resolve("CLAUDE.md"), "Run make test.\n");
        Files.writeString(workdir.resolve("GEMINI.md"), "The CLI reads this one itself.\n");
        Task task = task(TaskSpec.builder("Do it")).withFailure(FailureReason.API_ERROR, "API error 500");

        String fresh = GeminiAgent.prompt(task, workdir, false);
        assertThat(fresh)
                .startsWith("Project instructions from AGENTS.md:\n\nUse tabs.")
                .contains("Project instructions from CLAUDE.md:\n\nRun make test.")
                .doesNotContain("The CLI reads this one itself")
                .endsWith("Do it\n\nPrevious attempt failed: API error 500");
        assertThat(GeminiAgent.prompt(task, workdir, true))
                .isEqualTo("Do it\n\nPrevious attempt failed: API error 500");
    }

    @Test
    void withoutCredentialsTheRunFailsAtOnceAsAuthMissing() throws Exception {
        Map<String, String> none =
                Map.of("PATH", "/usr/bin", "HOME", dir.resolve("empty-home").toString());
        AgentProfile profile = profile(Map.of());
        assertThat(GeminiAgent.missingCredentials(profile, none))
                .contains("GEMINI_API_KEY")
                .contains("oauth_creds.json");

        LaunchSpec spec = new GeminiAgent(none)
                .launchSpec(profile, task(TaskSpec.builder("x")), workdir(), dir.resolve("r"), null);
        assertThat(spec.command().getFirst()).isEqualTo("/bin/sh");
        Process process = new ProcessBuilder(spec.command()).start();
        assertThat(process.waitFor()).isEqualTo(GeminiAgent.EXIT_AUTH);
        assertThat(new String(process.getErrorStream().readAllBytes())).contains("no Gemini credentials");
    }

    @Test
    void aLoginOrAKeyInTheGeminiFolderCounts() throws IOException {
        Path home = dir.resolve("user");
        Files.createDirectories(home.resolve(".gemini"));
        Map<String, String> env = Map.of("HOME", home.toString());
        assertThat(GeminiAgent.missingCredentials(profile(Map.of()), env)).isNotNull();
        Files.writeString(home.resolve(".gemini/.env"), "GEMINI_API_KEY=abc\n");
        assertThat(GeminiAgent.missingCredentials(profile(Map.of()), env)).isNull();
        Files.delete(home.resolve(".gemini/.env"));
        Files.writeString(home.resolve(".gemini/oauth_creds.json"), "{}");
        assertThat(GeminiAgent.missingCredentials(profile(Map.of()), env)).isNull();
    }

    @Test
    void classifiesHowTheProcessEnded() throws IOException {
        Path runDir = Files.createDirectories(dir.resolve("run"));
        RunFiles files = new RunFiles(runDir);
        GeminiAgent agent = new GeminiAgent(keyed);

        Files.writeString(files.stderr(), "baton-run: 2: /opt/gemini: not found\n");
        RunOutcome missing = agent.outcome(127, files, new Transcript());
        assertThat(missing.reason()).isEqualTo(FailureReason.BINARY_MISSING);
        assertThat(missing.detail())
                .contains("npm install -g @google/gemini-cli")
                .contains("not found");

        Files.writeString(files.stderr(), "YOLO mode is enabled.\nInvalid auth method selected.\n");
        RunOutcome auth = agent.outcome(41, files, new Transcript());
        assertThat(auth.reason()).isEqualTo(FailureReason.AUTH_MISSING);
        assertThat(auth.detail()).endsWith("Invalid auth method selected.");

        Files.writeString(files.stderr(), "TypeError: boom\n    at main (gemini.js:1:1)\n}\n");
        RunOutcome crash = agent.outcome(1, files, new Transcript());
        assertThat(crash.reason()).isEqualTo(FailureReason.AGENT_CRASHED);
        assertThat(crash.detail()).endsWith("TypeError: boom");

        Transcript limited = new Transcript();
        Instant reset = Instant.parse("2026-01-01T01:00:00Z");
        limited.add(new AgentEvent.Error("[API Error: quota]", FailureReason.RATE_LIMITED, reset));
        limited.add(new AgentEvent.Result("[API Error: quota]", true));
        RunOutcome rateLimited = agent.outcome(173, files, limited);
        assertThat(rateLimited.reason()).isEqualTo(FailureReason.RATE_LIMITED);
        assertThat(rateLimited.detail()).contains("resets at 2026-01-01T01:00:00Z");

        Transcript done = new Transcript();
        done.add(new AgentEvent.Message("All done."));
        done.add(new AgentEvent.Result("All done.", false));
        assertThat(agent.outcome(0, files, done)).isEqualTo(RunOutcome.success("All done."));
    }

    private Path workdir() throws IOException {
        return Files.createDirectories(dir.resolve("work"));
    }

    private static AgentProfile profile(Map<String, String> env) {
        return new AgentProfile("gem", GeminiAgent.KIND, Set.of("shell"), 1, List.of("/opt/gemini"), env);
    }

    private static Task task(TaskSpec.Builder spec) {
        return Task.create(TaskId.of("t-1"), spec.build(), Instant.parse("2026-01-01T00:00:00Z"));
    }
}
