package dev.baton.plan;

import dev.baton.core.InvalidInputException;
import java.util.List;

/**
 * One task of a plan.
 *
 * @param id short and unique in the plan ({@code p1}, or what the model chose)
 * @param title one line
 * @param prompt what the agent is asked
 * @param type bug, feature, test, docs, refactor or general
 * @param dependsOn ids of tasks in the same plan that finish first
 * @param confidence 0 to 1: how sure the planner is about this task
 * @param why how the planner came to it, for people to check
 */
public record PlannedTask(
        String id, String title, String prompt, String type, List<String> dependsOn, double confidence, String why) {
    public PlannedTask {
        if (id == null || !id.matches("[A-Za-z0-9][A-Za-z0-9_-]{0,39}")) {
            throw new InvalidInputException(
                    "a planned task's id '" + id + "' is not 1 to 40 letters, digits, '_', '-'");
        }
        if (prompt == null || prompt.isBlank()) {
            throw new InvalidInputException("planned task " + id + " has no text");
        }
        title = title == null || title.isBlank()
                ? prompt.strip().lines().findFirst().orElse("")
                : title.strip();
        type = type == null || type.isBlank() ? "general" : type.strip().toLowerCase(java.util.Locale.ROOT);
        dependsOn = List.copyOf(dependsOn == null ? List.of() : dependsOn);
        Plan.checkConfidence(confidence, "task " + id);
        why = why == null ? "" : why;
    }
}
