package dev.baton.store;

import java.time.Instant;
import java.util.Objects;

/**
 * A recurring task: a cron expression, the task's text, and where and by whom it runs.
 *
 * @param agent the agent to run it, or null for routing to choose
 * @param repo the repository to work in, or null for a scratch folder
 * @param window hours when it may start, e.g. {@code 22:00-06:00}, or null for any time
 * @param lastFiredAt when it last added its task, or null when it never did
 * @param lastTaskId the task it added last, or null
 */
public record Schedule(
        String id,
        String cron,
        String prompt,
        String agent,
        String repo,
        String window,
        Instant createdAt,
        Instant lastFiredAt,
        String lastTaskId) {
    public Schedule {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(cron, "cron");
        Objects.requireNonNull(prompt, "prompt");
        Objects.requireNonNull(createdAt, "createdAt");
    }
}
