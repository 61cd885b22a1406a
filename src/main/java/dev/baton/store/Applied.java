package dev.baton.store;

import dev.baton.core.Run;
import dev.baton.core.RunId;
import dev.baton.core.Task;
import dev.baton.core.TaskId;
import java.util.List;
import java.util.Map;

/** What {@link Store#apply(Changes)} stored: records with their new versions, and event ids in order. */
public record Applied(Map<TaskId, Task> tasks, Map<RunId, Run> runs, List<Long> eventIds) {
    public Applied {
        tasks = Map.copyOf(tasks);
        runs = Map.copyOf(runs);
        eventIds = List.copyOf(eventIds);
    }

    public Task task(TaskId id) {
        return tasks.get(id);
    }

    public Run run(RunId id) {
        return runs.get(id);
    }
}
