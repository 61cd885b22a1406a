package dev.baton.store;

import dev.baton.core.Decision;
import dev.baton.core.DecisionId;
import dev.baton.core.Run;
import dev.baton.core.RunId;
import dev.baton.core.Task;
import dev.baton.core.TaskId;
import java.util.List;
import java.util.Map;

/** What {@link Store#apply(Changes)} stored: records with their new versions, and event ids in order. */
public record Applied(
        Map<TaskId, Task> tasks, Map<RunId, Run> runs, Map<DecisionId, Decision> decisions, List<Long> eventIds) {
    public Applied {
        decisions = Map.copyOf(decisions);
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

    public Decision decision(DecisionId id) {
        return decisions.get(id);
    }
}
