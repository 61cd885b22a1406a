package dev.baton.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class TaskTransitionsTest {
    private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");

    @Test
    void theHappyPathIsAllowed() {
        Task task = Task.create(TaskId.of("t-1"), TaskSpec.builder("true").build(), NOW);
        Task done = task.moveTo(TaskStatus.ROUTED, NOW)
                .moveTo(TaskStatus.RUNNING, NOW)
                .moveTo(TaskStatus.VERIFYING, NOW)
                .moveTo(TaskStatus.COMPLETED, NOW);
        assertThat(done.status()).isEqualTo(TaskStatus.COMPLETED);
    }

    @Test
    void retriesGoThroughRetryingBackToTheQueueAndClearTheFailure() {
        Task retrying = Task.create(TaskId.of("t-1"), TaskSpec.builder("true").build(), NOW)
                .moveTo(TaskStatus.ROUTED, NOW)
                .moveTo(TaskStatus.RUNNING, NOW)
                .moveTo(TaskStatus.RETRYING, NOW)
                .withFailure(FailureReason.LOST, "gone");
        Task queued = retrying.moveTo(TaskStatus.QUEUED, NOW);
        assertThat(queued.failureReason()).isNull();
        assertThat(queued.failureDetail()).isNull();
    }

    @Test
    void anIllegalMoveThrowsATypedExceptionNamingBothStates() {
        Task queued = Task.create(TaskId.of("t-1"), TaskSpec.builder("true").build(), NOW);
        assertThatThrownBy(() -> queued.moveTo(TaskStatus.COMPLETED, NOW))
                .isInstanceOf(IllegalTransitionException.class)
                .hasMessage("task t-1 cannot go from queued to completed");
    }

    @Test
    void aCompletedTaskNeverMovesAgain() {
        assertThat(TaskTransitions.allowedFrom(TaskStatus.COMPLETED)).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(TaskStatus.class)
    void everyNonTerminalStatusCanBeCancelled(TaskStatus status) {
        assertThat(TaskTransitions.isAllowed(status, TaskStatus.CANCELLED)).isEqualTo(!status.isTerminal());
    }

    @Test
    void onlyFailedAndCancelledTasksCanBeQueuedAgainByAPerson() {
        assertThat(TaskTransitions.isAllowed(TaskStatus.FAILED, TaskStatus.QUEUED))
                .isTrue();
        assertThat(TaskTransitions.isAllowed(TaskStatus.CANCELLED, TaskStatus.QUEUED))
                .isTrue();
        assertThat(TaskTransitions.isAllowed(TaskStatus.RUNNING, TaskStatus.QUEUED))
                .isFalse();
    }
}
