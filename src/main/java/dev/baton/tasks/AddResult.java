package dev.baton.tasks;

import dev.baton.core.Task;
import java.util.List;

/** A task that was added, and what the user should know about it (a dirty repository, say). */
public record AddResult(Task task, List<String> warnings) {
    public AddResult {
        warnings = List.copyOf(warnings);
    }
}
