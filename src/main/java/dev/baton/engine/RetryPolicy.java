package dev.baton.engine;

import dev.baton.core.FailureReason;
import dev.baton.core.Task;
import java.time.Duration;
import java.util.Optional;

/**
 * Decides whether a failed attempt is tried again, and after how long. A task's own {@code retries}
 * apply to every failure; without them, transient failures (a lost process, a rate limit) still get
 * {@code transientRetries}. Backoff doubles per attempt up to a cap. Stateless.
 */
public record RetryPolicy(int transientRetries, Duration firstBackoff, Duration maxBackoff) {

    public static RetryPolicy from(EngineConfig config) {
        return new RetryPolicy(config.transientRetries(), config.retryBackoff(), config.maxRetryBackoff());
    }

    /** The delay before the next attempt, or empty when the task has used its retries. */
    public Optional<Duration> nextDelay(Task task, FailureReason reason) {
        if (reason == FailureReason.CANCELLED || reason == FailureReason.DEPENDENCY_FAILED) {
            return Optional.empty();
        }
        int allowed =
                task.spec().maxRetries() > 0 ? task.spec().maxRetries() : reason.isTransient() ? transientRetries : 0;
        int retriesUsed = task.attempts() - 1;
        if (retriesUsed >= allowed) {
            return Optional.empty();
        }
        long factor = 1L << Math.min(retriesUsed, 20);
        Duration delay = firstBackoff.multipliedBy(factor);
        return Optional.of(delay.compareTo(maxBackoff) > 0 ? maxBackoff : delay);
    }
}
