package dev.baton.tasks;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A task as someone asked for it, before any checking: the raw fields every entry point receives
 * (command-line options, an API body, the dashboard form, a workflow file, a plan, a schedule).
 * {@link TaskIntake} validates them with one set of rules. Null (or an empty list) means "not
 * given"; then a task file's field, or Baton's default, applies.
 *
 * @param text the task as text (exactly one of text, markdown and file)
 * @param markdown a task file's content (markdown with YAML frontmatter)
 * @param markdownName the name {@code markdown} is reported under in errors and in the source
 * @param file a task file on this machine
 * @param id the task's id, or null for a new one (a task file's own id counts too)
 * @param priority 1 to 10, or high, medium, low
 * @param timeout a duration as people write it: 90, 30s, 5m, 1h30m
 * @param repo the git repository; a relative path is resolved against the caller's working folder
 * @param base the branch worktrees start from
 * @param mode autonomous, plan-first or read-only
 * @param requiresApproval whether a person must approve the start, or null for the file's or no
 * @param extra fields Baton keeps for others to read (a workflow's place, a plan's confidence)
 */
public record TaskRequest(
        String text,
        String markdown,
        String markdownName,
        Path file,
        String id,
        String title,
        String agent,
        String priority,
        String timeout,
        String repo,
        String base,
        List<String> dependsOn,
        Integer retries,
        List<String> requires,
        String type,
        List<String> tags,
        String mode,
        Boolean requiresApproval,
        Map<String, Object> extra) {

    public TaskRequest {
        dependsOn = List.copyOf(dependsOn == null ? List.of() : dependsOn);
        requires = List.copyOf(requires == null ? List.of() : requires);
        tags = List.copyOf(tags == null ? List.of() : tags);
        extra = extra == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(extra));
    }

    /** A request for the task given as text. */
    public static Builder text(String text) {
        return new Builder().text(text);
    }

    /** A request for a task file's content, reported under {@code name}. */
    public static Builder markdown(String markdown, String name) {
        Builder b = new Builder();
        b.markdown = markdown;
        b.markdownName = name;
        return b;
    }

    /** A request for a task file on this machine. */
    public static Builder file(Path file) {
        Builder b = new Builder();
        b.file = file;
        return b;
    }

    /** An empty request, for entry points that receive text and file side by side (they say which). */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link TaskRequest}; every field is optional. Not thread-safe. */
    public static final class Builder {
        private String text;
        private String markdown;
        private String markdownName;
        private Path file;
        private String id;
        private String title;
        private String agent;
        private String priority;
        private String timeout;
        private String repo;
        private String base;
        private List<String> dependsOn = List.of();
        private Integer retries;
        private List<String> requires = List.of();
        private String type;
        private List<String> tags = List.of();
        private String mode;
        private Boolean requiresApproval;
        private final Map<String, Object> extra = new java.util.LinkedHashMap<>();

        private Builder() {}

        public Builder text(String value) {
            this.text = value;
            return this;
        }

        public Builder markdown(String value, String name) {
            this.markdown = value;
            this.markdownName = name;
            return this;
        }

        public Builder file(Path value) {
            this.file = value;
            return this;
        }

        public Builder id(String value) {
            this.id = value;
            return this;
        }

        public Builder title(String value) {
            this.title = value;
            return this;
        }

        public Builder agent(String value) {
            this.agent = value;
            return this;
        }

        public Builder priority(String value) {
            this.priority = value;
            return this;
        }

        public Builder timeout(String value) {
            this.timeout = value;
            return this;
        }

        public Builder repo(String value) {
            this.repo = value;
            return this;
        }

        public Builder base(String value) {
            this.base = value;
            return this;
        }

        public Builder dependsOn(List<String> values) {
            this.dependsOn = values == null ? List.of() : values;
            return this;
        }

        public Builder retries(Integer value) {
            this.retries = value;
            return this;
        }

        public Builder requires(List<String> values) {
            this.requires = values == null ? List.of() : values;
            return this;
        }

        public Builder type(String value) {
            this.type = value;
            return this;
        }

        public Builder tags(List<String> values) {
            this.tags = values == null ? List.of() : values;
            return this;
        }

        public Builder mode(String value) {
            this.mode = value;
            return this;
        }

        public Builder requiresApproval(Boolean value) {
            this.requiresApproval = value;
            return this;
        }

        public Builder extra(String key, Object value) {
            extra.put(key, value);
            return this;
        }

        public TaskRequest build() {
            return new TaskRequest(
                    text,
                    markdown,
                    markdownName,
                    file,
                    id,
                    title,
                    agent,
                    priority,
                    timeout,
                    repo,
                    base,
                    dependsOn,
                    retries,
                    requires,
                    type,
                    tags,
                    mode,
                    requiresApproval,
                    extra);
        }
    }
}
