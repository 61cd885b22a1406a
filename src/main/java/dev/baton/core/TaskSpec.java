package dev.baton.core;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What was asked of a task, fixed when the task is created: the prompt and the options that steer
 * routing and running. Unknown task-file fields are kept in {@code extra}, never dropped.
 *
 * @param title one line for tables
 * @param prompt the whole text given to the agent
 * @param type a task type for routing statistics (bug, feature, test, docs, general, ...)
 * @param priority 1 (first) to 10
 * @param requires capabilities the agent must have
 * @param preferredAgent an agent name, or null for any
 * @param timeout how long one run may take
 * @param dependsOn tasks that must complete first
 * @param repo absolute path of the git repository to work in, or null for a scratch folder
 * @param baseBranch the branch worktrees start from, or null for the repository's current branch
 * @param maxRetries further attempts after a failure (transient failures are retried at least once)
 * @param source where the task came from: {@code cli}, {@code file:PATH}, {@code api}
 * @param followUpOf a finished task this one continues: same worktree and branch, and the same
 *     agent session where the agent can resume one; null for a task of its own
 * @param requiresApproval a human must approve before the task starts (workflow
 *     {@code requiresApproval}, task-file {@code requires_approval})
 * @param verify shell commands run in the worktree after the agent finishes (tests, lint); the run
 *     completes only when all pass
 */
public record TaskSpec(
        String title,
        String prompt,
        String type,
        int priority,
        Set<String> requires,
        String preferredAgent,
        Duration timeout,
        List<TaskId> dependsOn,
        TaskMode mode,
        List<String> tags,
        String modelHint,
        Long estimatedTokens,
        String repo,
        String baseBranch,
        int maxRetries,
        Map<String, Object> extra,
        String source,
        TaskId followUpOf,
        boolean requiresApproval,
        List<String> verify) {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(30);

    /**
     * The type of a task whose text is a command line, not prose: only an agent of the command kind
     * runs it (see the router), and only such a task, or one sent to that agent by name, goes there.
     */
    public static final String SHELL_TYPE = "shell";

    public static final int MAX_PROMPT_CHARS = 1_000_000;

    public TaskSpec {
        Objects.requireNonNull(prompt, "prompt");
        if (prompt.isBlank()) {
            throw new InvalidInputException("the task has no text; say what should be done");
        }
        if (prompt.length() > MAX_PROMPT_CHARS) {
            throw new InvalidInputException("the task text is " + prompt.length() + " characters; the limit is "
                    + MAX_PROMPT_CHARS + ". Put large material in a file in the repository and refer to it");
        }
        title = title == null || title.isBlank() ? firstLine(prompt) : title.strip();
        type = type == null || type.isBlank() ? "general" : type;
        Priority.check(priority);
        requires = Set.copyOf(new LinkedHashSet<>(requires == null ? Set.of() : requires));
        preferredAgent = preferredAgent == null || preferredAgent.isBlank() || preferredAgent.equals("any")
                ? null
                : preferredAgent;
        timeout = timeout == null ? DEFAULT_TIMEOUT : timeout;
        if (timeout.isNegative() || timeout.isZero()) {
            throw new InvalidInputException("timeout must be positive");
        }
        dependsOn = List.copyOf(dependsOn == null ? List.of() : dependsOn);
        mode = mode == null ? TaskMode.AUTONOMOUS : mode;
        tags = List.copyOf(tags == null ? List.of() : tags);
        if (maxRetries < 0 || maxRetries > 20) {
            throw new InvalidInputException("retries must be between 0 and 20, not " + maxRetries);
        }
        extra = extra == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(extra));
        source = source == null ? "cli" : source;
        verify = List.copyOf(verify == null ? List.of() : verify);
        if (verify.stream().anyMatch(c -> c == null || c.isBlank())) {
            throw new InvalidInputException("a verify command is empty; give each one as a shell command line");
        }
    }

    /** True for a task whose text is a command line ({@link #SHELL_TYPE}). */
    public boolean isShell() {
        return SHELL_TYPE.equals(type);
    }

    private static String firstLine(String text) {
        String line = text.strip().lines().findFirst().orElse("").strip();
        while (line.startsWith("#")) line = line.substring(1).strip();
        if (line.regionMatches(true, 0, "Task:", 0, 5)) line = line.substring(5).strip();
        return line.length() > 120 ? line.substring(0, 117) + "..." : line;
    }

    /** The same spec with another title and text (how the recorder stores it with secrets hidden). */
    public TaskSpec withText(String newTitle, String newPrompt) {
        return new TaskSpec(
                newTitle,
                newPrompt,
                type,
                priority,
                requires,
                preferredAgent,
                timeout,
                dependsOn,
                mode,
                tags,
                modelHint,
                estimatedTokens,
                repo,
                baseBranch,
                maxRetries,
                extra,
                source,
                followUpOf,
                requiresApproval,
                verify);
    }

    public static Builder builder(String prompt) {
        return new Builder(prompt);
    }

    public Builder toBuilder() {
        Builder b = new Builder(prompt);
        b.title = title;
        b.type = type;
        b.priority = priority;
        b.requires.addAll(requires);
        b.preferredAgent = preferredAgent;
        b.timeout = timeout;
        b.dependsOn.addAll(dependsOn);
        b.mode = mode;
        b.tags.addAll(tags);
        b.modelHint = modelHint;
        b.estimatedTokens = estimatedTokens;
        b.repo = repo;
        b.baseBranch = baseBranch;
        b.maxRetries = maxRetries;
        b.extra.putAll(extra);
        b.source = source;
        b.followUpOf = followUpOf;
        b.requiresApproval = requiresApproval;
        b.verify.addAll(verify);
        return b;
    }

    /** Builds a {@link TaskSpec}; not thread-safe. */
    public static final class Builder {
        private String prompt;
        private String title;
        private String type;
        private int priority = Priority.DEFAULT;
        private final Set<String> requires = new LinkedHashSet<>();
        private String preferredAgent;
        private Duration timeout;
        private final List<TaskId> dependsOn = new ArrayList<>();
        private TaskMode mode;
        private final List<String> tags = new ArrayList<>();
        private String modelHint;
        private Long estimatedTokens;
        private String repo;
        private String baseBranch;
        private int maxRetries;
        private final Map<String, Object> extra = new LinkedHashMap<>();
        private String source;
        private TaskId followUpOf;
        private boolean requiresApproval;
        private final List<String> verify = new ArrayList<>();

        private Builder(String prompt) {
            this.prompt = prompt;
        }

        public Builder prompt(String value) {
            this.prompt = value;
            return this;
        }

        public Builder title(String value) {
            this.title = value;
            return this;
        }

        public Builder type(String value) {
            this.type = value;
            return this;
        }

        public Builder priority(int value) {
            this.priority = value;
            return this;
        }

        public Builder requires(Iterable<String> values) {
            values.forEach(requires::add);
            return this;
        }

        public Builder preferredAgent(String value) {
            this.preferredAgent = value;
            return this;
        }

        public Builder timeout(Duration value) {
            this.timeout = value;
            return this;
        }

        public Builder dependsOn(Iterable<TaskId> values) {
            values.forEach(dependsOn::add);
            return this;
        }

        public Builder mode(TaskMode value) {
            this.mode = value;
            return this;
        }

        public Builder tags(Iterable<String> values) {
            values.forEach(tags::add);
            return this;
        }

        public Builder modelHint(String value) {
            this.modelHint = value;
            return this;
        }

        public Builder estimatedTokens(Long value) {
            this.estimatedTokens = value;
            return this;
        }

        public Builder repo(String value) {
            this.repo = value;
            return this;
        }

        public Builder baseBranch(String value) {
            this.baseBranch = value;
            return this;
        }

        public Builder maxRetries(int value) {
            this.maxRetries = value;
            return this;
        }

        public Builder extra(String key, Object value) {
            extra.put(key, value);
            return this;
        }

        public Builder source(String value) {
            this.source = value;
            return this;
        }

        public Builder followUpOf(TaskId value) {
            this.followUpOf = value;
            return this;
        }

        public Builder requiresApproval(boolean value) {
            this.requiresApproval = value;
            return this;
        }

        public Builder verify(Iterable<String> commands) {
            commands.forEach(verify::add);
            return this;
        }

        public TaskSpec build() {
            return new TaskSpec(
                    title,
                    prompt,
                    type,
                    priority,
                    requires,
                    preferredAgent,
                    timeout,
                    dependsOn,
                    mode,
                    tags,
                    modelHint,
                    estimatedTokens,
                    repo,
                    baseBranch,
                    maxRetries,
                    extra,
                    source,
                    followUpOf,
                    requiresApproval,
                    verify);
        }
    }
}
