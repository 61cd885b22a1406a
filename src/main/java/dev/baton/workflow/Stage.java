package dev.baton.workflow;

import java.util.ArrayList;
import java.util.List;

/**
 * A group of tasks. Its tasks start once every stage it depends on has finished; with
 * {@code parallel: false} (the default) they run one after another, in the order written.
 *
 * @param name unique in the workflow
 * @param parallel whether the stage's tasks may run at the same time
 * @param dependsOn names of stages that finish first
 * @param tasks at least one; tasks without an id are named here
 */
public record Stage(String name, boolean parallel, List<String> dependsOn, List<WorkflowTask> tasks) {
    public Stage {
        Names.check(name, Where.stage(name, "name"));
        dependsOn = List.copyOf(dependsOn == null ? List.of() : dependsOn);
        if (tasks == null || tasks.isEmpty()) {
            throw new InvalidWorkflowException(Where.stage(name, "tasks"), "the stage has no tasks; add at least one");
        }
        List<WorkflowTask> named = new ArrayList<>();
        for (int i = 0; i < tasks.size(); i++) {
            WorkflowTask task = tasks.get(i);
            if (task.id() == null) task = task.withId(defaultTaskId(name, tasks.size(), i));
            named.add(task);
        }
        tasks = List.copyOf(named);
    }

    /** The stage's name for its only task; {@code STAGE-1}, {@code STAGE-2}, ... otherwise. */
    static String defaultTaskId(String stage, int count, int index) {
        return count == 1 ? stage : stage + "-" + (index + 1);
    }
}
