package dev.baton.core;

import java.time.Instant;
import java.util.Objects;

/**
 * A task and where it stands. Immutable: every change makes a new value with the same
 * {@code version}; the store bumps the version when it saves and refuses a stale one.
 *
 * @param agent the agent the task was routed to, or null before routing
 * @param branch the run branch ({@code baton/<id>-<slug>}), or null when it has no repository
 * @param attempts how many runs were started
 * @param notBefore the earliest time the task may be dispatched (retry backoff), or null
 */
public record Task(
        TaskId id,
        TaskSpec spec,
        TaskStatus status,
        String agent,
        String branch,
        FailureReason failureReason,
        String failureDetail,
        int attempts,
        Instant notBefore,
        Instant createdAt,
        Instant updatedAt,
        long version) {

    public Task {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }

    public static Task create(TaskId id, TaskSpec spec, Instant now) {
        return new Task(id, spec, TaskStatus.QUEUED, spec.preferredAgent(), null, null, null, 0, null, now, now, 0);
    }

    /** The same task in another status; throws if the transition table does not allow it. */
    public Task moveTo(TaskStatus next, Instant now) {
        TaskTransitions.check(id, status, next);
        FailureReason reason = next == TaskStatus.QUEUED ? null : failureReason;
        String detail = next == TaskStatus.QUEUED ? null : failureDetail;
        return new Task(id, spec, next, agent, branch, reason, detail, attempts, notBefore, createdAt, now, version);
    }

    /** Moves to failed (or cancelled) and records why. */
    public Task fail(TaskStatus terminal, FailureReason reason, String detail, Instant now) {
        return moveTo(terminal, now).withFailure(reason, detail);
    }

    public Task withFailure(FailureReason reason, String detail) {
        return new Task(
                id, spec, status, agent, branch, reason, detail, attempts, notBefore, createdAt, updatedAt, version);
    }

    /**
     * The same task with every free text in it (title, text, failure detail) passed through {@code
     * text}: how the recorder hides secrets before the task is stored.
     */
    public Task mapText(java.util.function.UnaryOperator<String> text) {
        TaskSpec mapped = spec.withText(text.apply(spec.title()), text.apply(spec.prompt()));
        String detail = failureDetail == null ? null : text.apply(failureDetail);
        return new Task(
                id,
                mapped,
                status,
                agent,
                branch,
                failureReason,
                detail,
                attempts,
                notBefore,
                createdAt,
                updatedAt,
                version);
    }

    public Task withAgent(String value) {
        return new Task(
                id,
                spec,
                status,
                value,
                branch,
                failureReason,
                failureDetail,
                attempts,
                notBefore,
                createdAt,
                updatedAt,
                version);
    }

    public Task withBranch(String value) {
        return new Task(
                id,
                spec,
                status,
                agent,
                value,
                failureReason,
                failureDetail,
                attempts,
                notBefore,
                createdAt,
                updatedAt,
                version);
    }

    public Task withAttempts(int value) {
        return new Task(
                id,
                spec,
                status,
                agent,
                branch,
                failureReason,
                failureDetail,
                value,
                notBefore,
                createdAt,
                updatedAt,
                version);
    }

    public Task withNotBefore(Instant value) {
        return new Task(
                id,
                spec,
                status,
                agent,
                branch,
                failureReason,
                failureDetail,
                attempts,
                value,
                createdAt,
                updatedAt,
                version);
    }

    public Task withVersion(long value) {
        return new Task(
                id,
                spec,
                status,
                agent,
                branch,
                failureReason,
                failureDetail,
                attempts,
                notBefore,
                createdAt,
                updatedAt,
                value);
    }
}
