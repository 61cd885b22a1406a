package dev.baton.brain;

import dev.baton.core.TaskId;
import dev.baton.core.TaskSpec;
import java.time.Instant;
import java.util.Objects;

/**
 * A task file as read from disk: the task it asks for plus the bookkeeping fields the file itself
 * carries. Whether to honour {@code declaredStatus} and {@code created} is the caller's decision.
 *
 * @param id the file's {@code id}, or null when it gives none and the caller must generate one
 * @param spec the task
 * @param declaredStatus the file's {@code status} field as written, or null
 * @param created the file's {@code created} time, or null
 */
public record TaskFile(TaskId id, TaskSpec spec, String declaredStatus, Instant created) {
    public TaskFile {
        Objects.requireNonNull(spec, "spec");
    }
}
