package dev.baton.server.api;

import dev.baton.Baton;
import dev.baton.brain.TaskFile;
import dev.baton.brain.TaskFileParser;
import dev.baton.core.Durations;
import dev.baton.core.InvalidInputException;
import dev.baton.core.Priority;
import dev.baton.core.TaskId;
import dev.baton.core.TaskMode;
import dev.baton.core.TaskSpec;
import dev.baton.server.ApiError;
import dev.baton.server.EngineControl;
import dev.baton.tasks.AddResult;
import java.nio.file.Path;
import java.util.List;

/**
 * Turns what a client sent (API body, dashboard form, requirement) into a queued task: text or a
 * markdown task file, plus options that override the file's. Wakes the engine so the task starts
 * at once. Thread-safe.
 */
public final class TaskSubmission {
    /**
     * The fields of a submission, as received; null means "not given".
     *
     * @param markdownName the file name a markdown submission is reported under (for errors)
     */
    public record Fields(
            String text,
            String markdown,
            String markdownName,
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
            String mode) {

        public static Fields text(String text) {
            return new Fields(
                    text, null, null, null, null, null, null, null, null, List.of(), null, List.of(), null, List.of(),
                    null);
        }
    }

    private final Baton baton;
    private final EngineControl engine;

    public TaskSubmission(Baton baton, EngineControl engine) {
        this.baton = baton;
        this.engine = engine;
    }

    public AddResult submit(Fields f, String source) {
        boolean hasText = f.text() != null && !f.text().isBlank();
        boolean hasMarkdown = f.markdown() != null && !f.markdown().isBlank();
        if (hasText == hasMarkdown) {
            throw ApiError.badRequest("give the task as 'text' or as 'markdown' (a task file), exactly one of them");
        }
        TaskId givenId = null;
        TaskSpec.Builder builder;
        if (hasMarkdown) {
            String name = f.markdownName() == null ? "task.md" : f.markdownName();
            if (!name.matches("[A-Za-z0-9._-]{1,100}")) {
                throw ApiError.badRequest("file_name must be 1-100 letters, digits, '.', '_' or '-'");
            }
            TaskFile parsed = new TaskFileParser().parse(name, f.markdown());
            givenId = parsed.id();
            builder = parsed.spec().toBuilder().source(source + ":" + name);
        } else {
            builder = TaskSpec.builder(f.text()).source(source);
        }
        apply(f, builder);
        TaskSpec spec = builder.build();
        if (givenId != null && baton.store().findTask(givenId).isPresent()) {
            throw ApiError.conflict("a task with id " + givenId + " exists; change the id in the file or remove it");
        }
        AddResult added = baton.tasks().add(spec, givenId);
        engine.wake();
        return added;
    }

    private static void apply(Fields f, TaskSpec.Builder b) {
        if (f.title() != null && !f.title().isBlank()) b.title(f.title());
        if (f.agent() != null && !f.agent().isBlank())
            b.preferredAgent(f.agent().strip());
        if (f.priority() != null && !f.priority().isBlank())
            b.priority(field("priority", () -> Priority.parse(f.priority())));
        if (f.timeout() != null && !f.timeout().isBlank())
            b.timeout(field("timeout", () -> Durations.parse(f.timeout())));
        if (f.repo() != null && !f.repo().isBlank()) {
            Path repo = Path.of(f.repo().strip());
            if (!repo.isAbsolute()) throw ApiError.badRequest("repo must be an absolute path on the server");
            b.repo(repo.normalize().toString());
        }
        if (f.base() != null && !f.base().isBlank()) b.baseBranch(f.base().strip());
        if (!f.dependsOn().isEmpty()) {
            b.dependsOn(f.dependsOn().stream()
                    .map(id -> field("depends_on", () -> TaskId.of(id)))
                    .toList());
        }
        if (f.retries() != null) b.maxRetries(f.retries());
        if (!f.requires().isEmpty()) b.requires(f.requires());
        if (f.type() != null && !f.type().isBlank()) {
            if (!f.type().matches("[a-z][a-z0-9_-]{0,31}")) {
                throw ApiError.badRequest("type must be a lower-case word such as bug, feature, test or docs");
            }
            b.type(f.type());
        }
        if (!f.tags().isEmpty()) b.tags(f.tags());
        if (f.mode() != null && !f.mode().isBlank()) b.mode(field("mode", () -> TaskMode.fromWire(f.mode())));
    }

    /** A field the domain parses: its refusal is a 400 that names the field. */
    private static <T> T field(String name, java.util.function.Supplier<T> parse) {
        try {
            return parse.get();
        } catch (InvalidInputException e) {
            throw ApiError.badRequest(name + ": " + e.getMessage());
        }
    }
}
