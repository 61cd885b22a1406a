package dev.baton.core;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * A question for a person: approve a start, a risky command, a merge; settle a conflict. Pending
 * until answered or expired; the answer keeps who gave it, when and why. Immutable, version-checked
 * by the store like tasks.
 *
 * @param runId the run it arose in, or null
 * @param details small structured facts for the person (the command, the matched rule, output tail)
 * @param expiresAt when an unanswered decision expires (and counts as rejected), or null for never
 * @param answeredBy who answered ({@code cli:alice}, {@code api:ci-token}, {@code baton} for expiry)
 * @param reason why it was answered so
 */
public record Decision(
        DecisionId id,
        TaskId taskId,
        RunId runId,
        DecisionKind kind,
        String question,
        Map<String, Object> details,
        DecisionStatus status,
        Instant createdAt,
        Instant expiresAt,
        Instant answeredAt,
        String answeredBy,
        String reason,
        long version) {

    public static final int MAX_REASON_CHARS = 2000;

    public Decision {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(taskId, "taskId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(question, "question");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(createdAt, "createdAt");
        details = details == null ? Map.of() : Map.copyOf(details);
    }

    public static Decision ask(
            DecisionId id,
            TaskId task,
            RunId run,
            DecisionKind kind,
            String question,
            Map<String, Object> details,
            Instant now,
            Instant expiresAt) {
        return new Decision(
                id, task, run, kind, question, details, DecisionStatus.PENDING, now, expiresAt, null, null, null, 0);
    }

    public boolean isPending() {
        return status == DecisionStatus.PENDING;
    }

    /** True when it is pending and its expiry has passed. */
    public boolean isDue(Instant now) {
        return isPending() && expiresAt != null && !now.isBefore(expiresAt);
    }

    /**
     * The decision answered. Throws when it was answered before: an answer is never overwritten.
     */
    public Decision answer(boolean approve, String by, String why, Instant now) {
        if (!isPending()) {
            throw new InvalidInputException("decision " + id + " is already " + status.wireName()
                    + (answeredBy == null ? "" : " (by " + answeredBy + ")") + "; it cannot be answered again");
        }
        if (why != null && why.length() > MAX_REASON_CHARS) {
            throw new InvalidInputException(
                    "the reason is " + why.length() + " characters; keep it under " + MAX_REASON_CHARS);
        }
        Objects.requireNonNull(by, "by");
        return new Decision(
                id,
                taskId,
                runId,
                kind,
                question,
                details,
                approve ? DecisionStatus.APPROVED : DecisionStatus.REJECTED,
                createdAt,
                expiresAt,
                now,
                by,
                why == null || why.isBlank() ? null : why.strip(),
                version);
    }

    /** The decision expired unanswered. */
    public Decision expire(Instant now) {
        return close(now, "expired unanswered");
    }

    /** The question no longer stands (its task was cancelled); kept as expired, with why. */
    public Decision close(Instant now, String why) {
        if (!isPending()) {
            throw new InvalidInputException("decision " + id + " is already " + status.wireName());
        }
        return new Decision(
                id,
                taskId,
                runId,
                kind,
                question,
                details,
                DecisionStatus.EXPIRED,
                createdAt,
                expiresAt,
                now,
                "baton",
                why,
                version);
    }
}
