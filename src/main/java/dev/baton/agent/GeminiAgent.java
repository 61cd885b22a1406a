package dev.baton.agent;

import dev.baton.core.AgentProfile;
import dev.baton.core.FailureReason;
import dev.baton.core.Task;
import dev.baton.core.TaskMode;
import dev.baton.session.LaunchSpec;
import dev.baton.session.RunFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Drives Google's Gemini CLI headless: {@code gemini -p PROMPT -o stream-json --skip-trust --yolo
 * [-m MODEL] [--resume SESSION]}. Read-only tasks run with {@code --approval-mode plan}, the CLI's
 * read-only mode, instead of {@code --yolo}. {@code --skip-trust} is needed because the CLI refuses
 * to run headless in a folder it has not been told to trust (exit 55), and every worktree is new.
 *
 * <p>Settings and credentials: see {@link GeminiHome}. Before launch the adapter checks that the CLI
 * will find credentials; when it will not, the run starts a one-line stand-in instead of the CLI
 * that prints why and exits with the CLI's own code for auth failures (41), so the run fails at once
 * as {@link FailureReason#AUTH_MISSING} rather than after the CLI has started.
 *
 * <p>The CLI reads {@code GEMINI.md} files itself; it does not read {@code AGENTS.md} or {@code
 * CLAUDE.md}, so those are put in front of the prompt of a new session. Stateless and thread-safe.
 */
public final class GeminiAgent implements AgentAdapter {
    public static final String KIND = "gemini";
    /** The CLI's exit code for authentication errors ("Invalid auth method selected", no key). */
    static final int EXIT_AUTH = 41;

    private static final int EXIT_NOT_FOUND = 127;
    private static final int CONTEXT_FILE_LIMIT = 20_000;
    private static final int SUMMARY_BYTES = 4000;

    private final Map<String, String> baseEnv;

    public GeminiAgent() {
        this(System.getenv());
    }

    /** @param baseEnv the environment Baton runs with, of which agents get their share ({@link AgentEnvironment}) */
    public GeminiAgent(Map<String, String> baseEnv) {
        this.baseEnv = Map.copyOf(baseEnv);
    }

    @Override
    public String kind() {
        return KIND;
    }

    /** Its keys and settings, Google's (Vertex AI, application credentials) among them. */
    @Override
    public List<String> passedEnvironment(AgentProfile profile, Map<String, String> environment) {
        return List.of("GEMINI_*", "GOOGLE_*");
    }

    @Override
    public String keyVariable(AgentProfile profile) {
        return "GEMINI_API_KEY";
    }

    @Override
    public StreamParser parser() {
        return new GeminiStreamParser();
    }

    @Override
    public LaunchSpec launchSpec(AgentProfile profile, Task task, Path workdir, Path runDir, String resumeSessionId) {
        Map<String, String> env = new HashMap<>();
        env.put("BATON_TASK_ID", task.id().value());
        env.put("BATON_WORKTREE", workdir.toString());
        Map<String, String> asConfigured = merged(baseEnv, profile.env());
        Path scratch = GeminiHome.scratchHome(asConfigured, runDir, profile.name());
        if (scratch != null) env.put(GeminiHome.CLI_HOME, scratch.toString());
        env.putAll(profile.env()); // the profile has the last word, e.g. on GEMINI_CLI_HOME

        Map<String, String> effective = merged(baseEnv, env);
        String missing = missingCredentials(profile, effective);
        if (missing != null) {
            List<String> standIn =
                    List.of("/bin/sh", "-c", "printf '%s\\n' \"$1\" >&2; exit " + EXIT_AUTH, KIND, missing);
            return new LaunchSpec(standIn, workdir, env, runDir);
        }
        if (scratch != null && scratch.toString().equals(env.get(GeminiHome.CLI_HOME))) {
            GeminiHome.prepare(scratch, effective);
        }

        List<String> command = new ArrayList<>();
        command.add(profile.command().isEmpty() ? KIND : profile.command().getFirst());
        if (profile.command().size() > 1)
            command.addAll(profile.command().subList(1, profile.command().size()));
        command.addAll(List.of("-p", prompt(task, workdir, resumeSessionId != null), "-o", "stream-json"));
        command.add("--skip-trust");
        if (task.spec().mode() == TaskMode.READ_ONLY) command.addAll(List.of("--approval-mode", "plan"));
        else command.add("--yolo");
        String model = task.spec().modelHint();
        if (model != null && !model.isBlank()) command.addAll(List.of("-m", model));
        if (resumeSessionId != null) command.addAll(List.of("--resume", resumeSessionId));
        return new LaunchSpec(command, workdir, env, runDir);
    }

    /**
     * Null when the CLI will find credentials in {@code env} (the whole environment it will run
     * with), else a message saying what is missing and how to provide it.
     */
    public static String missingCredentials(AgentProfile profile, Map<String, String> env) {
        String missing = GeminiHome.missingCredentials(env);
        return missing == null ? null : "agent " + profile.name() + ": " + missing;
    }

    @Override
    public java.util.Optional<String> preflight(AgentProfile profile, Map<String, String> env) {
        return java.util.Optional.ofNullable(missingCredentials(profile, env));
    }

    @Override
    public RunOutcome outcome(int exitCode, RunFiles files, Transcript transcript) {
        String stderrLine = lastMeaningfulLine(RunFiles.tail(files.stderr(), SUMMARY_BYTES));
        AgentEvent.Result result = transcript.result();
        if (exitCode == EXIT_NOT_FOUND) {
            return RunOutcome.failure(
                    FailureReason.BINARY_MISSING,
                    "the Gemini CLI could not be started (" + stderrLine + "); install it with"
                            + " `npm install -g @google/gemini-cli` (it needs Node.js 20 or later) or set the"
                            + " agent's command to the path of its `gemini` binary",
                    null);
        }
        if (exitCode == 0 && result != null && !result.failed()) {
            return RunOutcome.success(transcript.summary());
        }
        if (exitCode == EXIT_AUTH) {
            return RunOutcome.failure(
                    FailureReason.AUTH_MISSING,
                    "the Gemini CLI found no usable credentials: " + stderrLine,
                    transcript.summary());
        }
        if (result == null) {
            return RunOutcome.failure(
                    FailureReason.AGENT_CRASHED,
                    "the Gemini CLI exited with code " + exitCode + " without a result"
                            + (stderrLine.isEmpty() ? "" : ": " + stderrLine),
                    transcript.summary());
        }
        if (!result.failed()) {
            return RunOutcome.failure(
                    FailureReason.EXIT_CODE,
                    "the Gemini CLI reported success but exited with code " + exitCode,
                    transcript.summary());
        }
        // The error the result carried is the last one reported; earlier ones may have been survived.
        AgentEvent.Error error = transcript.lastError();
        FailureReason reason = error != null && error.reason() != null ? error.reason() : transcript.classifiedReason();
        Instant resetAt = error != null && error.resetAt() != null ? error.resetAt() : transcript.resetAt();
        String message = result.text();
        String detail =
                switch (reason == null ? FailureReason.EXIT_CODE : reason) {
                    case RATE_LIMITED ->
                        "rate limited by the Gemini API" + (resetAt == null ? "" : "; resets at " + resetAt) + ": "
                                + message;
                    case PERMISSION_DENIED -> "the run failed after tool calls were denied: " + message;
                    default -> message;
                };
        return RunOutcome.failure(reason == null ? FailureReason.EXIT_CODE : reason, detail, transcript.summary());
    }

    /**
     * The task's prompt; for a new session preceded by the project's AGENTS.md and CLAUDE.md (which the
     * CLI does not read), and followed by a note on a previous failed attempt when there was one.
     */
    static String prompt(Task task, Path workdir, boolean resuming) {
        StringBuilder prompt = new StringBuilder();
        if (!resuming) {
            for (String name : List.of("AGENTS.md", "CLAUDE.md")) {
                String content = readContextFile(workdir.resolve(name));
                if (content != null) {
                    prompt.append("Project instructions from ")
                            .append(name)
                            .append(":\n\n")
                            .append(content.strip())
                            .append("\n\n---\n\n");
                }
            }
        }
        prompt.append(task.spec().prompt());
        if (task.failureDetail() != null && !task.failureDetail().isBlank()) {
            prompt.append("\n\nPrevious attempt failed: ").append(task.failureDetail());
        }
        return prompt.toString();
    }

    private static String readContextFile(Path file) {
        try {
            if (!Files.isRegularFile(file)) return null;
            String content = Files.readString(file, StandardCharsets.UTF_8);
            if (content.isBlank()) return null;
            return content.length() <= CONTEXT_FILE_LIMIT
                    ? content
                    : content.substring(0, CONTEXT_FILE_LIMIT) + "\n[... " + file.getFileName() + " shortened]";
        } catch (IOException | RuntimeException e) {
            return null; // unreadable context is not a reason to fail the task
        }
    }

    /** The last stderr line that says something: not a stack frame, a brace or the CLI's start-up notices. */
    static String lastMeaningfulLine(String stderr) {
        List<String> lines = stderr.lines()
                .map(String::strip)
                .filter(l -> !l.isEmpty() && !l.startsWith("at ") && !l.matches("[{}\\[\\](),]+"))
                .filter(l -> !l.startsWith("YOLO mode is enabled") && !l.startsWith("Warning: 256-color"))
                .filter(l -> !l.startsWith("Ripgrep is not available"))
                .toList();
        String last = lines.isEmpty() ? "" : lines.getLast();
        return last.length() > 300 ? last.substring(0, 297) + "..." : last;
    }

    private static Map<String, String> merged(Map<String, String> base, Map<String, String> overrides) {
        Map<String, String> all = new HashMap<>(base);
        all.putAll(overrides);
        return all;
    }
}
