package dev.baton.tasks;

import dev.baton.core.Task;
import dev.baton.core.TaskId;
import dev.baton.core.TaskStatus;
import dev.baton.store.Store;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What becomes of a task one of whose dependencies failed. Normally it fails too. A dependency
 * whose spec has {@code continue_on_error: true} in its extra fields (workflow {@code
 * continueOnError}, or the same field in a task file) is tolerated: once every dependency has
 * completed or failed that way, the task may start. Stateless.
 */
public final class FailedDependencies {
    /** The extra field that lets dependents go on after this task fails. */
    static final String CONTINUE_ON_ERROR = "continue_on_error";

    /** The verdict on one blocked task. */
    public sealed interface Verdict {
        /** A dependency failed that does not tolerate it; {@code detail} says which. */
        record Fail(String detail) implements Verdict {}

        /** Every dependency has settled, failures tolerated: the task may start now. */
        record Ready() implements Verdict {}

        /** Some dependency is still to finish. */
        record Wait() implements Verdict {}
    }

    private FailedDependencies() {}

    static boolean continuesOnError(Task task) {
        return Boolean.TRUE.equals(task.spec().extra().get(CONTINUE_ON_ERROR));
    }

    public static Verdict judge(Task task, Store store, Instant now) {
        List<String> fatal = new ArrayList<>();
        boolean pending = false;
        for (TaskId id : task.spec().dependsOn()) {
            Optional<Task> dependency = store.findTask(id);
            if (dependency.isEmpty()) {
                pending = true; // never completes; the task waits, as for any missing dependency
                continue;
            }
            Task dep = dependency.get();
            boolean tolerated = dep.status() == TaskStatus.FAILED && continuesOnError(dep);
            if ((dep.status() == TaskStatus.FAILED || dep.status() == TaskStatus.CANCELLED) && !tolerated) {
                fatal.add(dep.id() + " " + dep.status().wireName());
            } else if (dep.status() != TaskStatus.COMPLETED && !tolerated) {
                pending = true;
            }
        }
        if (!fatal.isEmpty()) return new Verdict.Fail("dependency " + String.join(", ", fatal));
        boolean due = task.notBefore() == null || !task.notBefore().isAfter(now);
        if (pending || task.status() != TaskStatus.QUEUED || !due) return new Verdict.Wait();
        return new Verdict.Ready();
    }
}
