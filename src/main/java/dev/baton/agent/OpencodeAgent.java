package dev.baton.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.core.AgentProfile;
import dev.baton.core.FailureReason;
import dev.baton.core.Task;
import dev.baton.core.TaskMode;
import dev.baton.format.Jackson;
import dev.baton.session.LaunchSpec;
import dev.baton.session.RunFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Drives opencode ({@code npm install -g opencode-ai}) headless: {@code opencode run --format json}.
 * It uses the user's own opencode set-up (providers and keys in {@code opencode.json},
 * {@code ~/.local/share/opencode/auth.json} or the environment); a profile's env can point it
 * elsewhere, e.g. with {@code OPENCODE_CONFIG_CONTENT}. opencode reads the project's
 * {@code AGENTS.md} (and {@code CLAUDE.md}) itself, so Baton does not repeat them in the prompt.
 *
 * <p>The profile's command is the binary, optionally followed by arguments for {@code opencode run}
 * such as {@code --model provider/model}. A task's model hint of the form {@code provider/model}
 * selects the model. Stateless, thread-safe.
 */
public final class OpencodeAgent implements AgentAdapter {
    public static final String KIND = "opencode";
    public static final String INSTALL_HINT = "install it with `npm install -g opencode-ai`, or set the agent's"
            + " command to the path of the opencode binary";

    /**
     * Prints Baton's header line (the model, which opencode's stream does not name), then becomes
     * opencode. {@code exec} keeps one process, so signals and the exit code are opencode's own; a
     * binary that is not there makes the shell exit 127.
     */
    private static final String LAUNCH_SCRIPT = "printf '%s\\n' \"$1\"; shift; exec \"$@\"";
    /** Reports a failed pre-launch check on the stream, so the run fails at once with its reason. */
    private static final String REFUSE_SCRIPT = "printf '%s\\n' \"$1\"; exit 1";

    private static final ObjectMapper JSON = Jackson.json();
    private static final int TAIL_BYTES = 4000;
    /** Variables that hold a key for one of opencode's built-in providers. */
    private static final List<String> PROVIDER_KEYS = List.of(
            "OPENCODE_API_KEY",
            "OPENCODE_AUTH_CONTENT",
            "OPENAI_API_KEY",
            "ANTHROPIC_API_KEY",
            "GEMINI_API_KEY",
            "GOOGLE_GENERATIVE_AI_API_KEY",
            "GOOGLE_API_KEY",
            "OPENROUTER_API_KEY",
            "GROQ_API_KEY",
            "XAI_API_KEY",
            "DEEPSEEK_API_KEY",
            "MISTRAL_API_KEY",
            "TOGETHER_AI_API_KEY",
            "FIREWORKS_API_KEY",
            "CEREBRAS_API_KEY",
            "AZURE_API_KEY",
            "AWS_ACCESS_KEY_ID",
            "AWS_PROFILE",
            "AWS_BEARER_TOKEN_BEDROCK");

    private final Map<String, String> environment;

    /** Reads credentials and configuration from the environment Baton runs in. */
    public OpencodeAgent() {
        this(System.getenv());
    }

    /** For tests: the environment Baton runs in, as far as this adapter looks at it. */
    OpencodeAgent(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    @Override
    public String kind() {
        return KIND;
    }

    /** Its settings and the keys of the providers it is built to use. */
    @Override
    public List<String> passedEnvironment(AgentProfile profile, Map<String, String> environment) {
        List<String> names = new ArrayList<>(List.of("OPENCODE_*"));
        names.addAll(PROVIDER_KEYS);
        return names;
    }

    @Override
    public StreamParser parser() {
        return new OpencodeStreamParser();
    }

    @Override
    public LaunchSpec launchSpec(AgentProfile profile, Task task, Path workdir, Path runDir, String resumeSessionId) {
        Map<String, String> env = new HashMap<>();
        env.put("OPENCODE_DISABLE_AUTOUPDATE", "1"); // never replace the binary in the middle of a run
        env.putAll(profile.env());

        String problem = missingCredentials(profile, environment, workdir);
        if (problem != null) {
            ObjectNode line = JSON.createObjectNode()
                    .put("type", OpencodeStreamParser.PREFLIGHT)
                    .put("reason", FailureReason.AUTH_MISSING.wireName())
                    .put("message", problem);
            return new LaunchSpec(
                    List.of("/bin/sh", "-c", REFUSE_SCRIPT, "opencode", line.toString()), workdir, env, runDir);
        }

        List<String> extra = profile.command().size() > 1
                ? profile.command().subList(1, profile.command().size())
                : List.of();
        List<String> run = new ArrayList<>(List.of("run", "--format", "json"));
        // Logs on stderr show progress during opencode's slow start, before its first JSON line, so
        // the stall watch does not mistake a starting agent for a stuck one; they also explain failures.
        run.add("--print-logs");
        // A title of our own spares a model call that opencode otherwise makes to name the session.
        run.add("--title=" + task.spec().title()); // one argument: a title may start with "-"
        if (task.spec().mode() == TaskMode.READ_ONLY) {
            // The built-in plan agent may read and run read-only commands but not edit; without --auto
            // anything that would need approval is refused rather than waited for.
            run.addAll(List.of("--agent", "plan"));
        } else {
            run.add("--auto");
        }
        String hint = task.spec().modelHint();
        boolean hintIsModel = hint != null && hint.contains("/");
        if (hintIsModel) run.addAll(List.of("--model", hint));
        if (resumeSessionId != null) run.addAll(List.of("--session", resumeSessionId));
        run.addAll(extra);
        run.add("--");
        run.add(prompt(task));

        Map<String, String> visible = new HashMap<>(environment);
        visible.putAll(env);
        String model = hintIsModel ? hint : modelOf(extra, visible);
        ObjectNode header = JSON.createObjectNode().put("type", OpencodeStreamParser.LAUNCH);
        if (model != null) header.put("model", model);

        List<String> command = new ArrayList<>(List.of("/bin/sh", "-c", LAUNCH_SCRIPT, "opencode", header.toString()));
        command.add(binary(profile));
        command.addAll(run);
        return new LaunchSpec(command, workdir, env, runDir);
    }

    /** The task's text, and on a retry why the previous attempt failed. AGENTS.md is opencode's to read. */
    static String prompt(Task task) {
        String prompt = task.spec().prompt();
        if (task.failureDetail() != null) {
            prompt += "\n\nPrevious attempt failed: " + task.failureDetail();
        }
        return prompt;
    }

    @Override
    public RunOutcome outcome(int exitCode, RunFiles files, Transcript transcript) {
        AgentEvent.Error error = transcript.lastError();
        AgentEvent.Result result = transcript.result();
        String summary = transcript.summary();
        if (transcript.sessionId() == null && error != null && error.reason() == FailureReason.AUTH_MISSING) {
            return RunOutcome.failure(FailureReason.AUTH_MISSING, error.message(), null);
        }
        if (exitCode == 127 && transcript.sessionId() == null) {
            return RunOutcome.failure(
                    FailureReason.BINARY_MISSING,
                    "opencode was not found (" + lastLine(RunFiles.tail(files.stderr(), TAIL_BYTES)) + "): "
                            + INSTALL_HINT,
                    null);
        }
        boolean onlyDenials = error == null || error.reason() == FailureReason.PERMISSION_DENIED;
        if (exitCode == 0 && result != null && !result.failed() && onlyDenials) {
            return RunOutcome.success(summary);
        }
        if (error != null) {
            FailureReason reason = error.reason() != null ? error.reason() : FailureReason.API_ERROR;
            String detail = error.message();
            if (error.resetAt() != null) detail += "; the limit resets at " + error.resetAt();
            return RunOutcome.failure(reason, detail, summary);
        }
        if (result != null && result.failed()) {
            return RunOutcome.failure(FailureReason.API_ERROR, result.text(), summary);
        }
        String stderr = lastLine(RunFiles.tail(files.stderr(), TAIL_BYTES));
        String detail = exitCode == 0
                ? "opencode ended without a final answer"
                : "opencode exited with code " + exitCode + " without a final answer";
        return RunOutcome.failure(
                FailureReason.AGENT_CRASHED, stderr.isEmpty() ? detail : detail + ": " + stderr, summary);
    }

    /**
     * Whether opencode has any credentials to work with, judged before it is started: a message that
     * says what is missing and how to fix it, or null. Looks at the profile's env over {@code env}.
     */
    @Override
    public java.util.Optional<String> preflight(AgentProfile profile, Map<String, String> env) {
        return java.util.Optional.ofNullable(missingCredentials(profile, env));
    }

    public static String missingCredentials(AgentProfile profile, Map<String, String> env) {
        return missingCredentials(profile, env, null);
    }

    static String missingCredentials(AgentProfile profile, Map<String, String> env, Path workdir) {
        Map<String, String> effective = new HashMap<>(env);
        effective.putAll(profile.env());
        for (String key : PROVIDER_KEYS) {
            if (!effective.getOrDefault(key, "").isBlank()) return null;
        }
        if (configuresProvider(effective.get("OPENCODE_CONFIG_CONTENT"))) return null;
        String home = effective.getOrDefault("HOME", System.getProperty("user.home"));
        Path data = Path.of(effective.getOrDefault("XDG_DATA_HOME", home + "/.local/share"));
        Path auth = data.resolve("opencode/auth.json");
        if (hasContent(auth)) return null;
        Path config = Path.of(effective.getOrDefault("XDG_CONFIG_HOME", home + "/.config"), "opencode");
        List<Path> configs = new ArrayList<>(List.of(
                config.resolve("opencode.json"), config.resolve("opencode.jsonc"), config.resolve("config.json")));
        if (effective.get("OPENCODE_CONFIG") != null) configs.add(Path.of(effective.get("OPENCODE_CONFIG")));
        if (workdir != null) {
            configs.add(workdir.resolve("opencode.json"));
            configs.add(workdir.resolve("opencode.jsonc"));
        }
        for (Path file : configs) {
            if (configuresProvider(read(file))) return null;
        }
        return "opencode has no credentials: run `opencode auth login`, or set a provider key such as"
                + " OPENAI_API_KEY or ANTHROPIC_API_KEY (in Baton's environment or the agent profile's env),"
                + " or configure a provider in opencode.json or OPENCODE_CONFIG_CONTENT (checked " + auth + ")";
    }

    private static boolean configuresProvider(String config) {
        if (config == null || config.isBlank()) return false;
        return config.contains("\"provider\"") || config.contains("\"apiKey\"");
    }

    private static String modelOf(List<String> extra, Map<String, String> env) {
        for (int i = 0; i < extra.size() - 1; i++) {
            if (extra.get(i).equals("--model") || extra.get(i).equals("-m")) return extra.get(i + 1);
        }
        String config = env.get("OPENCODE_CONFIG_CONTENT");
        if (config == null) return null;
        try {
            JsonNode model = JSON.readTree(config).path("model");
            return model.isTextual() ? model.asText() : null;
        } catch (IOException e) {
            return null; // opencode will say what is wrong with it
        }
    }

    private static String binary(AgentProfile profile) {
        return profile.command().isEmpty() ? "opencode" : profile.command().getFirst();
    }

    private static boolean hasContent(Path file) {
        String text = read(file);
        return text != null && !text.replaceAll("[\\s{}]", "").isEmpty();
    }

    private static String read(Path file) {
        try {
            return Files.isRegularFile(file) ? Files.readString(file) : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /**
     * The line of opencode's stderr that best explains a failure: its last message that is not a log
     * line, else its last error log line, else its last line.
     */
    private static String lastLine(String text) {
        List<String> all = text.lines().filter(l -> !l.isBlank()).toList();
        List<String> plain =
                all.stream().filter(l -> !l.startsWith("timestamp=")).toList();
        List<String> errors =
                all.stream().filter(l -> l.contains(" level=ERROR ")).toList();
        List<String> lines = !plain.isEmpty() ? plain : !errors.isEmpty() ? errors : all;
        String last = lines.isEmpty() ? "" : lines.getLast().strip();
        return last.length() > 300 ? last.substring(0, 297) + "..." : last;
    }
}
