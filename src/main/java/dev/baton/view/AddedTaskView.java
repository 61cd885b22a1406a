package dev.baton.view;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.baton.tasks.AddResult;
import java.util.List;

/** A task just added ({@code baton add --json}, {@code POST /api/tasks}): the task and what to know about it. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record AddedTaskView(@JsonUnwrapped TaskView task, List<String> warnings) {
    public static AddedTaskView of(AddResult added) {
        return new AddedTaskView(TaskView.of(added.task()), added.warnings());
    }
}
