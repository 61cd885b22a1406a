package dev.baton.store;

import dev.baton.core.Event;
import dev.baton.core.Run;
import dev.baton.core.RunId;
import dev.baton.core.Task;
import dev.baton.core.TaskId;
import dev.baton.core.TaskSpec;
import dev.baton.core.TaskStatus;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** Builds tasks, runs and events for the store tests, and saves them through {@link Store#apply}. */
final class StoreFixtures {
    static final Instant T0 = Instant.parse("2025-03-01T10:00:00Z");

    private StoreFixtures() {}

    static Instant at(long secondsAfterT0) {
        return T0.plusSeconds(secondsAfterT0);
    }

    static TaskId id(String value) {
        return TaskId.of(value);
    }

    static Task task(String id, int priority, Instant createdAt, String... dependsOn) {
        TaskSpec spec = TaskSpec.builder("Do " + id)
                .priority(priority)
                .dependsOn(Arrays.stream(dependsOn).map(TaskId::of).toList())
                .build();
        return Task.create(TaskId.of(id), spec, createdAt);
    }

    static Task task(String id) {
        return task(id, 5, T0);
    }

    /** A task created directly in the given status, as a store may hold it after a while. */
    static Task taskIn(String id, TaskStatus status, Instant notBefore, String... dependsOn) {
        Task created = task(id, 5, T0, dependsOn);
        return new Task(
                created.id(),
                created.spec(),
                status,
                null,
                null,
                null,
                null,
                0,
                notBefore,
                created.createdAt(),
                created.updatedAt(),
                0);
    }

    static Task insert(Store store, Task task) {
        return store.apply(Changes.builder().insert(task).build()).task(task.id());
    }

    static Task update(Store store, Task task) {
        return store.apply(Changes.builder().update(task).build()).task(task.id());
    }

    /** Moves a stored task through the given statuses, saving each step. */
    static Task move(Store store, Task task, TaskStatus... path) {
        Task current = task;
        for (TaskStatus next : path) {
            current = update(store, current.moveTo(next, current.updatedAt().plusSeconds(1)));
        }
        return current;
    }

    static Run run(TaskId task, int attempt, String agent, String node, Instant leaseUntil) {
        return Run.start(task, attempt, agent, node, 1, "/runs/" + task + "." + attempt, T0, leaseUntil);
    }

    static Run insert(Store store, Run run) {
        return store.apply(Changes.builder().insert(run).build()).run(run.id());
    }

    static Run update(Store store, Run run) {
        return store.apply(Changes.builder().update(run).build()).run(run.id());
    }

    static Event event(String task, String type, Map<String, Object> data) {
        return Event.of(T0, task == null ? null : TaskId.of(task), null, type, data);
    }

    static Event runEvent(RunId run, String type) {
        return Event.of(T0, run.taskId(), run, type, Map.of());
    }

    static List<String> ids(List<Task> tasks) {
        return tasks.stream().map(t -> t.id().value()).toList();
    }
}
