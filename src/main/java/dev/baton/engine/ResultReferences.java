package dev.baton.engine;

import dev.baton.core.Run;
import dev.baton.core.Task;
import dev.baton.core.TaskId;
import dev.baton.core.TaskStatus;
import dev.baton.store.Store;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fills {@code {{ tasks.ID.result }}} in a task's prompt with the result of task ID (its last run's
 * summary: the agent's final message, or the command's output tail) when the task starts, so a
 * workflow passes results stage to stage. The stored task keeps the reference; only the agent sees
 * the text. Stateless.
 */
final class ResultReferences {
    private static final Pattern REFERENCE =
            Pattern.compile("\\{\\{\\s*tasks\\.([A-Za-z0-9][A-Za-z0-9._-]*)\\.result\\s*}}");

    private ResultReferences() {}

    /** The task with its references filled in, or the same task when it has none. */
    static Task resolve(Task task, Store store) {
        String prompt = task.spec().prompt();
        Matcher m = REFERENCE.matcher(prompt);
        if (!m.find()) return task;
        String filled =
                m.reset().replaceAll(match -> Matcher.quoteReplacement(resultOf(TaskId.of(match.group(1)), store)));
        return new Task(
                task.id(),
                task.spec().toBuilder().prompt(filled).build(),
                task.status(),
                task.agent(),
                task.branch(),
                task.failureReason(),
                task.failureDetail(),
                task.attempts(),
                task.notBefore(),
                task.createdAt(),
                task.updatedAt(),
                task.version());
    }

    private static String resultOf(TaskId id, Store store) {
        Optional<Task> referenced = store.findTask(id);
        if (referenced.isEmpty()) return "(no task " + id + ")";
        List<Run> runs = store.runsOf(id);
        if (runs.isEmpty()) return "(task " + id + " has not run)";
        Run last = runs.getLast();
        String summary = last.result().summary();
        if (referenced.get().status() == TaskStatus.COMPLETED) return summary == null ? "" : summary;
        String detail = last.failureDetail() != null
                ? last.failureDetail()
                : referenced.get().status().wireName();
        return summary == null || summary.isBlank() ? "(failed: " + detail + ")" : summary;
    }
}
