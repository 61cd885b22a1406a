package dev.baton.agent.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.agent.AgentAdapter;
import dev.baton.agent.AgentEvent;
import dev.baton.agent.RunOutcome;
import dev.baton.agent.StreamParser;
import dev.baton.agent.Transcript;
import dev.baton.core.AgentProfile;
import dev.baton.core.FailureReason;
import dev.baton.core.Task;
import dev.baton.core.Usage;
import dev.baton.core.WorkspaceException;
import dev.baton.format.Jackson;
import dev.baton.session.LaunchSpec;
import dev.baton.session.RunFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An agent that answers through an LLM API, for work that needs no code execution (analysis,
 * research, quick questions, planning). Each run is a small Java process ({@link LlmApiMain}) of
 * Baton itself, so it is supervised and survives restarts like any agent. The answer is the run's
 * result; tokens are recorded. Stateless.
 */
public final class LlmApiAgent implements AgentAdapter {
    public static final String KIND = "llm-api";
    private static final ObjectMapper JSON = Jackson.json();

    @Override
    public String kind() {
        return KIND;
    }

    /** Its settings and the key variable of its provider. */
    @Override
    public List<String> passedEnvironment(AgentProfile profile, Map<String, String> environment) {
        return List.of("BATON_LLM_*", keyVariable(profile, environment));
    }

    @Override
    public String keyVariable(AgentProfile profile) {
        return keyVariable(profile, Map.of());
    }

    private static String keyVariable(AgentProfile profile, Map<String, String> environment) {
        Map<String, String> env = new java.util.HashMap<>(environment);
        env.putAll(profile.env());
        String name = LlmSettings.from(env).apiKeyEnv();
        return name == null ? "BATON_LLM_API_KEY_ENV" : name;
    }

    @Override
    public Optional<String> preflight(AgentProfile profile, Map<String, String> env) {
        return LlmSettings.from(env).problem(env);
    }

    @Override
    public LaunchSpec launchSpec(AgentProfile profile, Task task, Path workdir, Path runDir, String resumeSessionId) {
        Path promptFile = runDir.resolve("prompt.md");
        try {
            Files.createDirectories(runDir);
            String prompt = task.failureDetail() == null
                    ? task.spec().prompt()
                    : task.spec().prompt() + "\n\n(Previous attempt failed: " + task.failureDetail() + ")";
            Files.writeString(promptFile, prompt);
        } catch (IOException e) {
            throw new WorkspaceException("cannot write the prompt to " + promptFile + ": " + e.getMessage(), true, e);
        }
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = List.of(
                java,
                "-XX:+UseSerialGC",
                "-cp",
                System.getProperty("java.class.path"),
                LlmApiMain.class.getName(),
                promptFile.toString());
        return new LaunchSpec(command, workdir, profile.env(), runDir);
    }

    @Override
    public StreamParser parser() {
        return line -> {
            JsonNode node;
            try {
                node = JSON.readTree(line);
            } catch (IOException e) {
                return List.of();
            }
            if (node == null || !node.isObject()) return List.of();
            return switch (node.path("type").asText()) {
                case "start" ->
                    List.of(new AgentEvent.SessionStarted(
                            null, node.path("model").asText(null)));
                case "answer" ->
                    List.of(
                            new AgentEvent.UsageReport(
                                    new Usage(
                                            node.path("input_tokens").asLong(),
                                            node.path("output_tokens").asLong(),
                                            0,
                                            null),
                                    null,
                                    true),
                            new AgentEvent.Result(node.path("text").asText(""), false));
                case "error" ->
                    List.of(new AgentEvent.Error(
                            node.path("message").asText(),
                            reasonOf(node.path("kind").asText()),
                            null));
                default -> List.of();
            };
        };
    }

    private static FailureReason reasonOf(String kind) {
        return switch (kind) {
            case "rate_limit" -> FailureReason.RATE_LIMITED;
            case "auth" -> FailureReason.AUTH_MISSING;
            default -> FailureReason.API_ERROR;
        };
    }

    @Override
    public RunOutcome outcome(int exitCode, RunFiles files, Transcript transcript) {
        if (exitCode == 0 && transcript.result() != null && !transcript.result().failed()) {
            return RunOutcome.success(transcript.summary());
        }
        if (transcript.lastError() != null) {
            FailureReason reason =
                    transcript.classifiedReason() != null ? transcript.classifiedReason() : FailureReason.API_ERROR;
            return RunOutcome.failure(reason, transcript.lastError().message(), null);
        }
        String err = RunFiles.tail(files.stderr(), 1000).strip();
        return RunOutcome.failure(
                FailureReason.AGENT_CRASHED,
                "the llm-api process exited with code " + exitCode
                        + (err.isEmpty()
                                ? ""
                                : ": " + err.lines().reduce((a, b) -> b).orElse("")),
                null);
    }
}
