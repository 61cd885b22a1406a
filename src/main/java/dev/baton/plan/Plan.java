package dev.baton.plan;

import dev.baton.core.InvalidInputException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A requirement broken into tasks, validated: ids unique, dependencies within the plan and without
 * a cycle (a task only depends on tasks listed before it).
 *
 * @param requirement the text it came from
 * @param method how it was made: {@code heuristic} or {@code llm:AGENT}
 * @param confidence 0 to 1; below {@link #SUBMIT_THRESHOLD} a human looks at it first
 * @param tasks at least one, dependencies first
 */
public record Plan(String requirement, String method, double confidence, List<PlannedTask> tasks) {
    /** Plans less sure than this are shown, not submitted, unless the user says yes. */
    public static final double SUBMIT_THRESHOLD = 0.6;

    public Plan {
        tasks = List.copyOf(tasks);
        if (tasks.isEmpty()) throw new InvalidInputException("the plan has no tasks");
        checkConfidence(confidence, "the plan");
        Set<String> seen = new HashSet<>();
        for (PlannedTask task : tasks) {
            for (String dependency : task.dependsOn()) {
                if (!seen.contains(dependency)) {
                    throw new InvalidInputException("planned task " + task.id() + " depends on '" + dependency
                            + "', which is not a task listed before it");
                }
            }
            if (!seen.add(task.id())) throw new InvalidInputException("two planned tasks have the id " + task.id());
        }
    }

    public boolean confident() {
        return confidence >= SUBMIT_THRESHOLD;
    }

    static void checkConfidence(double confidence, String what) {
        if (!(confidence >= 0 && confidence <= 1)) {
            throw new InvalidInputException(
                    "the confidence of " + what + " must be between 0 and 1, not " + confidence);
        }
    }

    /** Orders tasks so that each comes after its dependencies (input order otherwise); for model answers. */
    static List<PlannedTask> dependenciesFirst(List<PlannedTask> tasks) {
        List<PlannedTask> ordered = new ArrayList<>();
        Set<String> placed = new HashSet<>();
        List<PlannedTask> left = new ArrayList<>(tasks);
        while (!left.isEmpty()) {
            PlannedTask next = left.stream()
                    .filter(t -> placed.containsAll(t.dependsOn()))
                    .findFirst()
                    .orElseThrow(() -> new InvalidInputException("the planned tasks "
                            + left.stream().map(PlannedTask::id).toList()
                            + " depend on each other in a cycle, or on tasks that are not in the plan"));
            ordered.add(next);
            placed.add(next.id());
            left.remove(next);
        }
        return ordered;
    }
}
