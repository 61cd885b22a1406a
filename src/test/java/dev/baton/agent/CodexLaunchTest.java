package dev.baton.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.core.AgentProfile;
import dev.baton.core.Task;
import dev.baton.core.TaskId;
import dev.baton.core.TaskMode;
import dev.baton.core.TaskSpec;
import dev.baton.session.LaunchSpec;
import java.io.IOException;
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

/** The command line, environment and auth check Baton gives Codex. */
class CodexLaunchTest {
    private static final Instant NOW = Instant.parse("2030-03-17T12:00:00Z");

    @TempDir
    Path dir;

    private CodexAgent agent(Map<String, String> environment) {
        return new CodexAgent(environment, Clock.fixed(NOW, ZoneOffset.UTC), ZoneOffset.UTC);
    }

    private static AgentProfile profile(Map<String, String> env) {
        return new AgentProfile("codex", CodexAgent.KIND, Set.of(), 1, List.of("/opt/codex/bin/codex"), env);
    }

    private static Task task(TaskSpec spec) {
        return Task.create(TaskId.of("t-1"), spec, NOW);
    }

    @Test
    void aNewRunIsAnAutonomousExecWithJsonOutput() throws IOException {
        Path runDir = dir.resolve("run");
        LaunchSpec spec = agent(Map.of("HOME", dir.toString()))
                .launchSpec(
                        profile(Map.of()),
                        task(TaskSpec.builder("-add a file").modelHint("gpt-5").build()),
                        dir,
                        runDir,
                        null);
        assertThat(spec.command())
                .containsExactly(
                        "/opt/codex/bin/codex",
                        "exec",
                        "--json",
                        "-m",
                        "gpt-5",
                        "--dangerously-bypass-approvals-and-sandbox",
                        "--skip-git-repo-check",
                        "--",
                        "-add a file");
        // The user's own CODEX_HOME (or ~/.codex) is used: the adapter sets none.
        assertThat(spec.env()).doesNotContainKeys("CODEX_HOME", "HOME");
        assertThat(Files.readString(runDir.resolve("stdout.log")))
                .isEqualTo("{\"type\":\"baton.codex_launch\",\"model\":\"gpt-5\"}\n");
    }

    @Test
    void aFollowUpResumesTheThreadReadOnlyWhenTheTaskIs() throws IOException {
        Path codexHome = dir.resolve("codex-home");
        Path sessions = Files.createDirectories(codexHome.resolve("sessions/2030/03/17"));
        Files.writeString(codexHome.resolve("config.toml"), "model = \"gpt-5-codex\"\n");
        Files.writeString(sessions.resolve("rollout-2030-03-17T11-00-00-0199-abc.jsonl"), """
                {"type":"session_meta","payload":{"id":"0199-abc"}}
                {"type":"event_msg","payload":{"type":"token_count","info":{"total_token_usage":{"input_tokens":300,"cached_input_tokens":30,"output_tokens":60}}}}
                {"type":"event_msg","payload":{"type":"token_count","info":{"total_token_usage":{"input_tokens":400,"cached_input_tokens":40,"output_tokens":80}}}}
                """);
        Task task = task(TaskSpec.builder("fix it").mode(TaskMode.READ_ONLY).build())
                .withFailure(dev.baton.core.FailureReason.API_ERROR, "codex: boom");
        Path runDir = dir.resolve("run");
        LaunchSpec spec = agent(Map.of())
                .launchSpec(profile(Map.of("CODEX_HOME", codexHome.toString())), task, dir, runDir, "0199-abc");

        assertThat(spec.command())
                .containsExactly(
                        "/opt/codex/bin/codex",
                        "exec",
                        "resume",
                        "--json",
                        "-c",
                        "sandbox_mode=\"read-only\"",
                        "--skip-git-repo-check",
                        "0199-abc",
                        "--",
                        "Previous attempt failed: codex: boom\n\nContinue with the task:\nfix it");
        assertThat(spec.env()).containsEntry("CODEX_HOME", codexHome.toString());
        assertThat(Files.readString(runDir.resolve("stdout.log")))
                .isEqualTo("{\"type\":\"baton.codex_launch\",\"model\":\"gpt-5-codex\",\"usage_before\":"
                        + "{\"input_tokens\":400,\"cached_input_tokens\":40,\"output_tokens\":80}}\n");
    }

    @Test
    void aReadOnlyNewRunUsesTheReadOnlySandbox() {
        LaunchSpec spec = agent(Map.of("HOME", dir.toString()))
                .launchSpec(
                        profile(Map.of()),
                        task(TaskSpec.builder("look").mode(TaskMode.READ_ONLY).build()),
                        dir,
                        dir.resolve("run"),
                        null);
        assertThat(spec.command())
                .containsSubsequence("-s", "read-only")
                .doesNotContain("--dangerously-bypass-approvals-and-sandbox");
    }

    @Test
    void authNeedsAKeyTheConfiguredProvidersKeyOrALogin() throws IOException {
        Path codexHome = Files.createDirectories(dir.resolve("codex-home"));
        Map<String, String> home = Map.of("CODEX_HOME", codexHome.toString());
        CodexAgent agent = agent(Map.of());

        assertThat(agent.preflight(profile(Map.of()), home))
                .hasValueSatisfying(message ->
                        assertThat(message).contains("OPENAI_API_KEY").contains("codex login"));
        assertThat(agent.preflight(profile(Map.of("OPENAI_API_KEY", "sk-x")), home))
                .isEmpty();
        assertThat(agent.preflight(profile(Map.of()), Map.of("CODEX_HOME", codexHome.toString(), "CODEX_API_KEY", "k")))
                .isEmpty();

        Files.writeString(codexHome.resolve("config.toml"), """
                model = "m"
                model_provider = "local"

                [model_providers.local]
                name = "local"
                base_url = "http://127.0.0.1:1/v1"
                env_key = "LOCAL_KEY" # the gateway's key
                wire_api = "responses"
                """);
        assertThat(agent.preflight(profile(Map.of()), home))
                .hasValueSatisfying(message -> assertThat(message).contains("LOCAL_KEY"));
        assertThat(agent.preflight(profile(Map.of("LOCAL_KEY", "x")), home)).isEmpty();

        Files.writeString(codexHome.resolve("config.toml"), "model_provider = \"ollama\"\n");
        assertThat(agent.preflight(profile(Map.of()), home)).isEmpty();

        Files.writeString(codexHome.resolve("config.toml"), "model = \"gpt-5\"\n");
        Files.writeString(codexHome.resolve("auth.json"), "{}");
        assertThat(agent.preflight(profile(Map.of()), home)).isEmpty();

        // Without CODEX_HOME, Codex uses ~/.codex.
        Path userHome = Files.createDirectories(dir.resolve("user"));
        assertThat(agent.preflight(profile(Map.of()), Map.of("HOME", userHome.toString())))
                .hasValueSatisfying(message ->
                        assertThat(message).contains(userHome.resolve(".codex").toString()));
    }

    @Test
    void pricesAreKnownForOpenAiModelsOnly() {
        assertThat(ModelPrices.cost("gpt-5-2025-08-07", 1_000_000, 0, 0)).isEqualTo(1.25);
        assertThat(ModelPrices.cost("openai/gpt-5-mini", 0, 0, 1_000_000)).isEqualTo(2.0);
        assertThat(ModelPrices.cost("m", 1000, 0, 1000)).isNull();
        assertThat(ModelPrices.cost(null, 1000, 0, 1000)).isNull();
    }
}
