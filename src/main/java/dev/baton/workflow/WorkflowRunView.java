package dev.baton.workflow;

import dev.baton.core.Task;
import dev.baton.core.TaskStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A workflow run as its tasks show it: there is no other state to drift from them.
 *
 * @param id the run id ({@code w-...})
 * @param name the workflow's name
 * @param status queued, running, waiting_approval, completed or failed
 * @param createdAt when it was submitted
 * @param stages progress per stage, in workflow order
 * @param tasks its tasks, in workflow order
 */
public record WorkflowRunView(
        String id, String name, String status, Instant createdAt, List<StageProgress> stages, List<Task> tasks) {

    public WorkflowRunView {
        stages = List.copyOf(stages);
        tasks = List.copyOf(tasks);
    }

    /** One stage's tasks by outcome. */
    public record StageProgress(String name, int total, int completed, int failed, int active) {
        public boolean done() {
            return completed + failed == total;
        }
    }

    /** Builds the view of one run from its tasks (all carrying the same {@code workflow} extra). */
    static WorkflowRunView of(String runId, List<Task> tasks) {
        List<Task> ordered = new ArrayList<>(tasks);
        ordered.sort(Comparator.comparingInt(WorkflowRunView::stageIndex)
                .thenComparing(Task::createdAt)
                .thenComparing(Task::id));
        Map<String, int[]> perStage = new LinkedHashMap<>(); // total, completed, failed, active
        for (Task task : ordered) {
            int[] counts = perStage.computeIfAbsent(info(task, "stage"), s -> new int[4]);
            counts[0]++;
            if (task.status() == TaskStatus.COMPLETED) counts[1]++;
            else if (task.status().isTerminal()) counts[2]++;
            else if (ACTIVE.contains(task.status())) counts[3]++;
        }
        List<StageProgress> stages = new ArrayList<>();
        perStage.forEach((stage, c) -> stages.add(new StageProgress(stage, c[0], c[1], c[2], c[3])));
        Instant created =
                ordered.stream().map(Task::createdAt).min(Instant::compareTo).orElse(Instant.EPOCH);
        return new WorkflowRunView(runId, info(ordered.getFirst(), "name"), status(ordered), created, stages, ordered);
    }

    private static final EnumSet<TaskStatus> ACTIVE =
            EnumSet.of(TaskStatus.ROUTED, TaskStatus.RUNNING, TaskStatus.VERIFYING, TaskStatus.RETRYING);

    private static String status(List<Task> tasks) {
        if (tasks.stream().anyMatch(t -> ACTIVE.contains(t.status()))) return "running";
        if (tasks.stream().allMatch(t -> t.status().isTerminal())) {
            boolean clean = tasks.stream()
                    .allMatch(t -> t.status() == TaskStatus.COMPLETED
                            || (t.status() == TaskStatus.FAILED
                                    && Boolean.TRUE.equals(t.spec().extra().get(WorkflowTasks.CONTINUE_ON_ERROR))));
            return clean ? "completed" : "failed";
        }
        if (tasks.stream().anyMatch(t -> t.status() == TaskStatus.WAITING_APPROVAL)) return "waiting_approval";
        boolean started = tasks.stream().anyMatch(t -> t.status().isTerminal());
        return started ? "running" : "queued";
    }

    private static int stageIndex(Task task) {
        Object index = infoMap(task).get("stageIndex");
        return index instanceof Number n ? n.intValue() : 0;
    }

    private static String info(Task task, String key) {
        Object value = infoMap(task).get(key);
        return value == null ? "?" : value.toString();
    }

    private static Map<?, ?> infoMap(Task task) {
        return task.spec().extra().get(WorkflowTasks.EXTRA) instanceof Map<?, ?> map ? map : Map.of();
    }
}
