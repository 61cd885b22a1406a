package dev.baton.agent;

import dev.baton.core.AgentProfile;
import dev.baton.core.FailureReason;
import dev.baton.core.SafetyTier;
import dev.baton.core.Task;
import dev.baton.core.TaskMode;
import dev.baton.session.LaunchSpec;
import dev.baton.session.RunFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Drives Claude Code headless: {@code claude -p --output-format stream-json --verbose -- PROMPT}, with
 * {@code --resume SESSION} for a follow-up and {@code --model} from the task's model hint. Autonomous
 * tasks of agents in the {@code full} safety tier run with {@code --dangerously-skip-permissions},
 * others hand each permission question to Baton ({@code --permission-prompt-tool}, see {@link
 * PermissionTool}); read-only and plan-first tasks in
 * {@code --permission-mode plan}, where the CLI refuses every edit and command.
 *
 * <p>The CLI reads the project's {@code CLAUDE.md} itself, so Baton does not repeat it in the prompt.
 * It keeps its sessions under {@code ~/.claude/projects}, so a resumed run needs the same {@code HOME}
 * (or {@code CLAUDE_CONFIG_DIR}) as the first; Baton passes its own through unless the profile sets one.
 * Stateless and thread-safe.
 */
public final class ClaudeCodeAgent implements AgentAdapter {
    public static final String KIND = "claude-code";
    public static final String DEFAULT_BINARY = "claude";
    public static final String INSTALL_HINT = "install it with `npm install -g @anthropic-ai/claude-code`"
            + " or set the agent's command to the path of the claude binary";
    private static final int TAIL_BYTES = 2000;

    private final Clock clock;
    private final boolean runningAsRoot;

    public ClaudeCodeAgent() {
        this(Clock.systemUTC(), "root".equals(System.getProperty("user.name")));
    }

    ClaudeCodeAgent(Clock clock, boolean runningAsRoot) {
        this.clock = clock;
        this.runningAsRoot = runningAsRoot;
    }

    @Override
    public String kind() {
        return KIND;
    }

    /** Its keys and settings; Bedrock's or Vertex's cloud credentials only when the profile names them. */
    @Override
    public List<String> passedEnvironment(AgentProfile profile, Map<String, String> environment) {
        return List.of("ANTHROPIC_*", "CLAUDE_CODE_*", "CLAUDE_CONFIG_DIR", "IS_SANDBOX", "DISABLE_*");
    }

    @Override
    public String keyVariable(AgentProfile profile) {
        return "ANTHROPIC_API_KEY";
    }

    @Override
    public LaunchSpec launchSpec(AgentProfile profile, Task task, Path workdir, Path runDir, String resumeSessionId) {
        List<String> command = new ArrayList<>();
        command.add(
                profile.command().isEmpty() ? DEFAULT_BINARY : profile.command().getFirst());
        command.addAll(List.of("-p", "--output-format", "stream-json", "--verbose"));
        if (resumeSessionId != null) command.addAll(List.of("--resume", resumeSessionId));
        String model = task.spec().modelHint();
        if (model != null && !model.isBlank()) command.addAll(List.of("--model", model));

        Map<String, String> env = new HashMap<>();
        // An orchestrated run must not update the binary under its own feet.
        env.put("DISABLE_AUTOUPDATER", "1");
        if (task.spec().mode() == TaskMode.AUTONOMOUS && profile.safety() != SafetyTier.FULL) {
            // Supervised and manual agents ask Baton before each tool use: the command policy
            // answers at once, or a person decides (a tool_permission decision).
            command.addAll(PermissionTool.claudeArguments(profile, task, runDir));
        } else if (task.spec().mode() == TaskMode.AUTONOMOUS) {
            command.add("--dangerously-skip-permissions");
            // As root the CLI refuses to skip permissions unless told it runs in a sandbox.
            if (runningAsRoot) env.put("IS_SANDBOX", "1");
        } else {
            // Plan mode lets the agent read and think but refuses edits and commands (they appear
            // as permission_denials). Baton has no plan-approval gate yet, so a plan-first task
            // gets the plan and nothing more.
            command.addAll(List.of("--permission-mode", "plan"));
        }
        // Further arguments of the profile's command (e.g. --max-turns 30) go after Baton's own.
        command.addAll(profile.command().stream().skip(1).toList());
        // The prompt is a positional argument: after "--" it can neither be taken for an option
        // nor be swallowed by a list option such as --allowedTools.
        command.add("--");
        command.add(prompt(task, resumeSessionId));
        env.put("BATON_TASK_ID", task.id().value());
        env.put("BATON_WORKTREE", workdir.toString());
        env.putAll(profile.env());
        return new LaunchSpec(command, workdir, env, runDir);
    }

    /** The task's text, with a handoff note when the task failed before or continues a session. */
    static String prompt(Task task, String resumeSessionId) {
        StringBuilder prompt = new StringBuilder();
        if (resumeSessionId != null) {
            prompt.append("Baton resumed this session: the previous attempt at the task did not finish. ")
                    .append("Continue from where it stopped.\n");
        }
        if (task.failureDetail() != null) {
            prompt.append("Previous attempt failed: ")
                    .append(task.failureDetail())
                    .append('\n');
        }
        if (!prompt.isEmpty()) prompt.append('\n');
        return prompt.append(task.spec().prompt()).toString();
    }

    @Override
    public StreamParser parser() {
        return new ClaudeStreamParser(clock);
    }

    /**
     * Why Claude Code cannot authenticate, or null when it can: an API key or token in the
     * environment the agent will get, a cloud provider selected, or a login in its config folder.
     *
     * @param environment the environment Baton runs with (the profile's env is laid over it)
     */
    @Override
    public java.util.Optional<String> preflight(AgentProfile profile, Map<String, String> env) {
        return java.util.Optional.ofNullable(missingCredentials(profile, env));
    }

    public static String missingCredentials(AgentProfile profile, Map<String, String> environment) {
        Map<String, String> env = new HashMap<>(environment);
        env.putAll(profile.env());
        for (String key : List.of(
                "ANTHROPIC_API_KEY",
                "ANTHROPIC_AUTH_TOKEN",
                "CLAUDE_CODE_OAUTH_TOKEN",
                "CLAUDE_CODE_USE_BEDROCK",
                "CLAUDE_CODE_USE_VERTEX")) {
            String value = env.get(key);
            if (value != null && !value.isBlank()) return null;
        }
        String home = env.get("HOME");
        Path configDir = env.containsKey("CLAUDE_CONFIG_DIR")
                ? Path.of(env.get("CLAUDE_CONFIG_DIR"))
                : home == null ? null : Path.of(home, ".claude");
        if (configDir != null && Files.isRegularFile(configDir.resolve(".credentials.json"))) return null;
        if (home != null && loggedIn(Path.of(home, ".claude.json"))) return null;
        if (configDir != null && loggedIn(configDir.resolve(".claude.json"))) return null;
        return "agent " + profile.name() + " (Claude Code) has no credentials: set ANTHROPIC_API_KEY in the"
                + " environment or the agent's env, or log in once with `claude` (then /login)";
    }

    /** A config file that records an account login (it exists without one after any run). */
    private static boolean loggedIn(Path claudeJson) {
        try {
            return Files.isRegularFile(claudeJson)
                    && Files.readString(claudeJson).contains("\"oauthAccount\"");
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public RunOutcome outcome(int exitCode, RunFiles files, Transcript transcript) {
        AgentEvent.Result result = transcript.result();
        String summary = transcript.summary();
        if (result != null && !result.failed() && exitCode == 0) {
            return RunOutcome.success(summary);
        }
        if (result == null && (exitCode == 127 || exitCode == 126)) {
            return RunOutcome.failure(
                    FailureReason.BINARY_MISSING,
                    "Claude Code could not be started (exit " + exitCode + "): " + lastLine(files) + "; "
                            + INSTALL_HINT,
                    null);
        }
        AgentEvent.Error error = transcript.lastError();
        if (error != null && error.reason() != null) {
            return RunOutcome.failure(error.reason(), describe(error), summary);
        }
        if (transcript.classifiedReason() != null) {
            String detail = error == null ? transcript.classifiedReason().wireName() : shorten(error.message());
            return RunOutcome.failure(transcript.classifiedReason(), detail, summary);
        }
        if (result != null) {
            String what = result.failed() ? "reported a failure" : "gave a result but failed";
            return RunOutcome.failure(
                    FailureReason.EXIT_CODE,
                    "Claude Code " + what + " (exit " + exitCode + "): " + shorten(result.text()),
                    summary);
        }
        String stderr = lastLine(files);
        FailureReason reason = ClaudeErrors.classify(stderr, 0, "");
        if (reason == FailureReason.AUTH_MISSING || reason == FailureReason.RATE_LIMITED) {
            return RunOutcome.failure(reason, "Claude Code: " + stderr, summary);
        }
        return RunOutcome.failure(
                FailureReason.AGENT_CRASHED,
                "Claude Code ended (exit " + exitCode + ") without a result" + (stderr.isEmpty() ? "" : ": " + stderr),
                summary != null ? summary : RunFiles.tail(files.stderr(), TAIL_BYTES));
    }

    private static String describe(AgentEvent.Error error) {
        String text = shorten(error.message());
        Instant resetAt = error.resetAt();
        return switch (error.reason()) {
            case RATE_LIMITED -> "rate limited: " + text + (resetAt == null ? "" : "; resets at " + resetAt);
            case AUTH_MISSING ->
                "Claude Code is not authenticated: " + text
                        + "; set ANTHROPIC_API_KEY or log in with `claude` (then /login)";
            default -> text;
        };
    }

    private static String lastLine(RunFiles files) {
        String err = RunFiles.tail(files.stderr(), TAIL_BYTES).strip();
        return shorten(err.lines()
                .filter(l -> !l.isBlank())
                .reduce((a, b) -> b)
                .orElse("")
                .strip());
    }

    private static String shorten(String text) {
        if (text == null) return "";
        return text.length() > 300 ? text.substring(0, 297) + "..." : text;
    }
}
