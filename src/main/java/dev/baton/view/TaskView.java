package dev.baton.view;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.baton.core.Run;
import dev.baton.core.Task;
import java.util.List;
import java.util.Map;

/**
 * A task as scripts and clients see it: {@code baton show --json}, {@code baton ls --json} and
 * {@code GET /api/tasks/ID} print this one record, so they cannot drift apart. The prompt, runs and
 * routing steps are present only in the views that read them (absent, not null, elsewhere).
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record TaskView(
        String id,
        String title,
        String status,
        String agent,
        int priority,
        String type,
        String mode,
        String repo,
        String baseBranch,
        String branch,
        String failureReason,
        String failureDetail,
        int attempts,
        List<String> dependsOn,
        List<String> requires,
        long timeoutSeconds,
        List<String> tags,
        String source,
        String followUpOf,
        String createdAt,
        String updatedAt,
        Map<String, Object> extra,
        @JsonInclude(JsonInclude.Include.NON_NULL) String prompt,
        @JsonInclude(JsonInclude.Include.NON_NULL) List<RunView> runs,
        @JsonInclude(JsonInclude.Include.NON_NULL) List<Map<String, Object>> routing) {

    /** The task alone, as lists show it. */
    public static TaskView of(Task task) {
        return of(task, null, null);
    }

    /** The task with its prompt and runs. */
    public static TaskView of(Task task, List<Run> runs) {
        return of(task, runs, null);
    }

    /**
     * The whole task: prompt, runs and how it was routed.
     *
     * @param runs its runs, or null to leave the prompt and runs out
     * @param routing its routing steps ({@code dev.baton.route.RoutingSteps}), or null to leave them out
     */
    public static TaskView of(Task task, List<Run> runs, List<Map<String, Object>> routing) {
        var spec = task.spec();
        return new TaskView(
                task.id().value(),
                spec.title(),
                task.status().wireName(),
                task.agent(),
                spec.priority(),
                spec.type(),
                spec.mode().wireName(),
                spec.repo(),
                spec.baseBranch(),
                task.branch(),
                task.failureReason() == null ? null : task.failureReason().wireName(),
                task.failureDetail(),
                task.attempts(),
                spec.dependsOn().stream().map(Object::toString).toList(),
                spec.requires().stream().sorted().toList(), // a set: sorted, so the output is stable
                spec.timeout().toSeconds(),
                spec.tags(),
                spec.source(),
                spec.followUpOf() == null ? null : spec.followUpOf().value(),
                task.createdAt().toString(),
                task.updatedAt().toString(),
                spec.extra(),
                runs == null ? null : spec.prompt(),
                runs == null ? null : runs.stream().map(RunView::of).toList(),
                routing);
    }
}
