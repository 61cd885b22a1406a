package dev.baton.agent;

import dev.baton.core.AgentProfile;
import dev.baton.core.FailureReason;
import dev.baton.core.LaunchException;
import dev.baton.core.Task;
import dev.baton.core.TaskMode;
import dev.baton.core.Usage;
import dev.baton.session.LaunchSpec;
import dev.baton.session.RunFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Drives OpenAI's Codex CLI headless: {@code codex exec --json ... PROMPT}, and for a follow-up
 * {@code codex exec resume --json ... THREAD_ID PROMPT}, which continues the recorded thread.
 *
 * <p>Codex is configured by its home folder ({@code $CODEX_HOME}, by default {@code ~/.codex}):
 * model, provider, keys, login. Baton passes its share of the environment (see {@link #passedEnvironment}) and never writes there;
 * a profile may point {@code CODEX_HOME} at another folder (tests point it at a scripted model
 * server's config). Codex reads the project's {@code AGENTS.md} itself, so the prompt does not repeat
 * it. Stateless apart from its clock; thread-safe.
 */
public final class CodexAgent implements AgentAdapter {
    public static final String KIND = "codex";
    public static final String INSTALL = "npm install -g @openai/codex";
    private static final Set<String> KEY_VARIABLES = Set.of("OPENAI_API_KEY", "CODEX_API_KEY");
    /** Providers built into Codex that talk to a local server and need no key. */
    private static final Set<String> KEYLESS_PROVIDERS = Set.of("oss", "ollama", "lmstudio");

    private static final int SUMMARY_BYTES = 4000;

    private final Map<String, String> environment;
    private final Clock clock;
    private final ZoneId zone;

    public CodexAgent() {
        this(System.getenv(), Clock.systemUTC(), ZoneId.systemDefault());
    }

    /**
     * @param environment the environment Baton runs with (agents get their share of it: {@link AgentEnvironment})
     * @param zone the time zone Codex words its reset times in (the machine's)
     */
    CodexAgent(Map<String, String> environment, Clock clock, ZoneId zone) {
        this.environment = Map.copyOf(environment);
        this.clock = clock;
        this.zone = zone;
    }

    @Override
    public String kind() {
        return KIND;
    }

    /** Its keys and settings, and the key variable of each provider its {@code config.toml} defines. */
    @Override
    public List<String> passedEnvironment(AgentProfile profile, Map<String, String> environment) {
        List<String> names = new java.util.ArrayList<>(List.of("OPENAI_*", "CODEX_*"));
        CodexHome.of(effectiveEnvironment(profile, environment)).config().providers().values().stream()
                .filter(envKey -> !envKey.isEmpty())
                .forEach(names::add);
        return names;
    }

    @Override
    public String keyVariable(AgentProfile profile) {
        return "OPENAI_API_KEY";
    }

    @Override
    public LaunchSpec launchSpec(AgentProfile profile, Task task, Path workdir, Path runDir, String resumeSessionId) {
        Map<String, String> env = effectiveEnvironment(profile, environment);
        CodexHome home = CodexHome.of(env);
        String modelHint = task.spec().modelHint();
        String model = modelHint != null ? modelHint : home.config().model();

        List<String> command = new ArrayList<>();
        command.add(profile.command().isEmpty() ? "codex" : profile.command().getFirst());
        command.add("exec");
        if (resumeSessionId != null) command.add("resume");
        command.add("--json");
        if (modelHint != null) command.addAll(List.of("-m", modelHint));
        boolean readOnly = task.spec().mode() == TaskMode.READ_ONLY;
        if (readOnly) {
            // `exec resume` has no --sandbox flag; the config override does the same.
            command.addAll(
                    resumeSessionId == null ? List.of("-s", "read-only") : List.of("-c", "sandbox_mode=\"read-only\""));
        } else {
            // Baton runs each task in its own worktree: that is the sandbox, and nobody is there to approve.
            command.add("--dangerously-bypass-approvals-and-sandbox");
        }
        // Baton checks repositories itself; a task without one runs in a scratch folder.
        command.add("--skip-git-repo-check");
        if (resumeSessionId != null) command.add(resumeSessionId);
        command.add("--"); // a prompt that starts with '-' is still the prompt
        command.add(prompt(task, resumeSessionId != null));

        Usage before = resumeSessionId == null
                ? Usage.NONE
                : home.usageOf(resumeSessionId).orElse(Usage.NONE);
        writeLaunchLine(runDir, CodexStreamParser.launchLine(model, before));

        Map<String, String> added = new HashMap<>();
        added.put("BATON_TASK_ID", task.id().value());
        added.put("BATON_WORKTREE", workdir.toString());
        added.putAll(profile.env()); // the profile has the last word (CODEX_HOME, keys, ...)
        return new LaunchSpec(command, workdir, added, runDir);
    }

    /**
     * Says what is missing when Codex could not authenticate: no {@code OPENAI_API_KEY} or
     * {@code CODEX_API_KEY}, not the key variable the configured provider names, and no login.
     *
     * @param env the environment the agent would run with (the profile's variables are applied on top)
     * @return what is missing and how to fix it, or empty when nothing is
     */
    public Optional<String> preflight(AgentProfile profile, Map<String, String> env) {
        Map<String, String> effective = effectiveEnvironment(profile, env);
        CodexHome home = CodexHome.of(effective);
        CodexHome.Config config = home.config();
        String provider = config.modelProvider();
        if (provider != null && KEYLESS_PROVIDERS.contains(provider)) return Optional.empty();
        if (provider != null && config.providers().containsKey(provider)) {
            String envKey = config.providers().get(provider);
            if (envKey.isEmpty() || isSet(effective, envKey)) return Optional.empty();
            return Optional.of(
                    "codex: provider '" + provider + "' in " + home.dir().resolve("config.toml")
                            + " reads its API key from " + envKey + ", which is not set; set " + envKey
                            + " (in Baton's environment or the agent profile's env)");
        }
        if (KEY_VARIABLES.stream().anyMatch(name -> isSet(effective, name)) || home.hasLogin()) {
            return Optional.empty();
        }
        return Optional.of("codex: no credentials: set OPENAI_API_KEY (or CODEX_API_KEY), or run `codex login`"
                + " (it writes " + home.dir().resolve("auth.json") + "), or configure a model provider in "
                + home.dir().resolve("config.toml"));
    }

    @Override
    public StreamParser parser() {
        return new CodexStreamParser(new CodexErrors(clock, zone));
    }

    @Override
    public RunOutcome outcome(int exitCode, RunFiles files, Transcript transcript) {
        String summary = transcript.summary();
        if (exitCode == 127 || exitCode == 126) {
            return RunOutcome.failure(
                    FailureReason.BINARY_MISSING,
                    "codex could not be run (exit " + exitCode + "): is it installed? Install it with `" + INSTALL
                            + "`, or set the agent's command to the codex binary",
                    stderrLine(files));
        }
        AgentEvent.Result result = transcript.result();
        if (exitCode == 0 && result != null && !result.failed()) {
            return RunOutcome.success(summary);
        }
        if (result != null && result.failed()) {
            FailureReason reason = transcript.classifiedReason();
            return RunOutcome.failure(
                    reason == null ? FailureReason.API_ERROR : reason,
                    failureDetail(reason, result.text(), transcript.resetAt()),
                    summary);
        }
        String stderr = stderrLine(files);
        String detail = exitCode == 0
                ? "codex exited without finishing its turn"
                : "codex exited with code " + exitCode + " without finishing its turn";
        return RunOutcome.failure(
                FailureReason.AGENT_CRASHED, stderr.isEmpty() ? detail : detail + ": " + stderr, summary);
    }

    private static String failureDetail(FailureReason reason, String message, Instant resetAt) {
        String detail = "codex: " + (message == null ? "the turn failed" : message);
        if (reason == FailureReason.RATE_LIMITED) {
            detail += resetAt == null ? " (no reset time given)" : " (resets at " + resetAt + ")";
        }
        return detail;
    }

    /** The line of Codex's standard error that says what went wrong, skipping its routine notices. */
    private static String stderrLine(RunFiles files) {
        List<String> lines = RunFiles.tail(files.stderr(), SUMMARY_BYTES)
                .lines()
                .map(String::strip)
                .filter(line -> !line.isEmpty()
                        && !line.startsWith("WARNING:")
                        && !line.startsWith("Reading additional input from stdin")
                        && !line.matches("\\d+: .*|Stack backtrace:|at .*"))
                .toList();
        String line = lines.stream()
                .filter(l -> l.startsWith("Error:") || l.startsWith("error:"))
                .findFirst()
                .orElse(lines.isEmpty() ? "" : lines.getLast());
        return line.length() > 300 ? line.substring(0, 297) + "..." : line;
    }

    private static String prompt(Task task, boolean resuming) {
        String prompt = task.spec().prompt();
        if (task.failureDetail() == null) return prompt;
        String note = "Previous attempt failed: " + task.failureDetail();
        return resuming ? note + "\n\nContinue with the task:\n" + prompt : prompt + "\n\n" + note;
    }

    private static Map<String, String> effectiveEnvironment(AgentProfile profile, Map<String, String> base) {
        Map<String, String> env = new HashMap<>(base);
        env.putAll(profile.env());
        return env;
    }

    private static boolean isSet(Map<String, String> env, String name) {
        String value = env.get(name);
        return value != null && !value.isBlank();
    }

    /**
     * Puts the facts Codex does not print (model, the thread's earlier usage) at the top of the run's
     * output, where its parser reads them first; Codex's own lines are appended after it.
     */
    private static void writeLaunchLine(Path runDir, String line) {
        try {
            Files.createDirectories(runDir);
            Files.writeString(
                    new RunFiles(runDir).stdout(),
                    line + "\n",
                    StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new LaunchException("could not prepare the run folder " + runDir + ": " + e.getMessage(), e);
        }
    }
}
