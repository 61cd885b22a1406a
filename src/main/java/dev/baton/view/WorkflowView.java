package dev.baton.view;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.baton.core.Task;
import dev.baton.workflow.WorkflowRunView;
import java.util.List;

/** A workflow run as {@code baton workflows --json} shows it: progress per stage, and its tasks in brief. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record WorkflowView(
        String id, String name, String status, String createdAt, List<Stage> stages, List<Step> tasks) {

    /** One stage's tasks by outcome. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Stage(String name, int total, int completed, int failed, int active) {}

    /** One of the run's tasks. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Step(String id, String status, String agent, boolean requiresApproval) {
        static Step of(Task t) {
            return new Step(
                    t.id().value(), t.status().wireName(), t.agent(), t.spec().requiresApproval());
        }
    }

    public static WorkflowView of(WorkflowRunView run) {
        return new WorkflowView(
                run.id(),
                run.name(),
                run.status(),
                run.createdAt().toString(),
                run.stages().stream()
                        .map(s -> new Stage(s.name(), s.total(), s.completed(), s.failed(), s.active()))
                        .toList(),
                run.tasks().stream().map(Step::of).toList());
    }
}
