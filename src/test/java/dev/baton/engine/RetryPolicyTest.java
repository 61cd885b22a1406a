package dev.baton.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.core.FailureReason;
import dev.baton.core.Task;
import dev.baton.core.TaskId;
import dev.baton.core.TaskSpec;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {
    private final RetryPolicy policy = new RetryPolicy(2, Duration.ofSeconds(1), Duration.ofSeconds(5));

    private static Task after(int attempts, int maxRetries) {
        return Task.create(
                        TaskId.of("t-1"),
                        TaskSpec.builder("x").maxRetries(maxRetries).build(),
                        Instant.EPOCH)
                .withAttempts(attempts);
    }

    @Test
    void transientFailuresAreRetriedEvenWhenTheTaskAsksForNoRetries() {
        assertThat(policy.nextDelay(after(1, 0), FailureReason.LOST)).contains(Duration.ofSeconds(1));
        assertThat(policy.nextDelay(after(2, 0), FailureReason.LOST)).contains(Duration.ofSeconds(2));
        assertThat(policy.nextDelay(after(3, 0), FailureReason.LOST)).isEmpty();
    }

    @Test
    void permanentFailuresAreRetriedOnlyWhenTheTaskAsks() {
        assertThat(policy.nextDelay(after(1, 0), FailureReason.EXIT_CODE)).isEmpty();
        assertThat(policy.nextDelay(after(1, 1), FailureReason.EXIT_CODE)).isPresent();
        assertThat(policy.nextDelay(after(2, 1), FailureReason.EXIT_CODE)).isEmpty();
    }

    @Test
    void backoffDoublesUpToItsCap() {
        assertThat(policy.nextDelay(after(4, 10), FailureReason.EXIT_CODE)).contains(Duration.ofSeconds(5));
    }

    @Test
    void cancelledAndDependencyFailuresAreNeverRetried() {
        assertThat(policy.nextDelay(after(1, 5), FailureReason.CANCELLED)).isEmpty();
        assertThat(policy.nextDelay(after(1, 5), FailureReason.DEPENDENCY_FAILED))
                .isEmpty();
    }
}
