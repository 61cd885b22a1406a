package dev.baton.engine;

import dev.baton.core.Event;
import dev.baton.core.EventTypes;
import dev.baton.core.FailureReason;
import dev.baton.core.StaleVersionException;
import dev.baton.core.Task;
import dev.baton.core.TaskStatus;
import dev.baton.gate.DecisionService;
import dev.baton.gate.UnstartedFailure;
import dev.baton.store.Changes;
import dev.baton.store.Recorder;
import dev.baton.store.Store;
import dev.baton.tasks.FailedDependencies;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The part of a dispatcher pass that is not claiming: due retries back to the queue, tasks whose
 * dependencies failed to failed (unless those tolerate it, see {@link FailedDependencies}) or
 * released, expired decisions settled. Done after a run has ended and otherwise once per poll
 * interval, so a burst of new tasks does not repeat its queries on every pass. Called from one
 * thread, except {@link #soon()}.
 */
final class Housekeeping {
    /** What a round of housekeeping found: whether retries were queued again, and tasks now ready. */
    record Result(boolean requeued, List<Task> released) {
        static final Result NOTHING = new Result(false, List.of());
    }

    private final Recorder recorder;
    private final DecisionService decisions;
    private final Duration interval;
    private volatile boolean asked = true;
    private long last;
    private Instant nextExpiryCheck = Instant.MIN;

    Housekeeping(Recorder recorder, DecisionService decisions, Duration interval) {
        this.recorder = recorder;
        this.decisions = decisions;
        this.interval = interval;
    }

    /** Asks the next pass to do its housekeeping: a run ended, so retries or failed dependencies may follow. */
    void soon() {
        asked = true;
    }

    /** A round of housekeeping when one is due; {@link Result#NOTHING} otherwise. */
    Result runIfDue(Instant now) {
        long nanos = System.nanoTime();
        if (!asked && nanos - last < interval.toNanos()) return Result.NOTHING;
        asked = false;
        last = nanos;
        Store store = recorder.store();
        boolean requeued = false;
        for (Task task : store.dueRetries(now)) requeued |= requeue(task, now);
        List<Task> released = new ArrayList<>();
        for (Task task : store.blockedByFailedDependencies()) {
            switch (FailedDependencies.judge(task, store, now)) {
                case FailedDependencies.Verdict.Fail failure ->
                    UnstartedFailure.fail(recorder, task, FailureReason.DEPENDENCY_FAILED, failure.detail(), now);
                case FailedDependencies.Verdict.Ready r -> {
                    if (task.status() == TaskStatus.QUEUED) released.add(task); // a waiting one waits for its answer
                }
                case FailedDependencies.Verdict.Wait w -> {}
            }
        }
        if (!now.isBefore(nextExpiryCheck)) {
            // decisions wait minutes to hours: a look once a second, not a query on every pass
            decisions.expireDue(now);
            nextExpiryCheck = now.plusSeconds(1);
        }
        return new Result(requeued, released);
    }

    /** Puts a retry whose backoff has passed back in the queue; false if it changed meanwhile. */
    private boolean requeue(Task task, Instant now) {
        try {
            recorder.apply(Changes.builder()
                    .update(task.moveTo(TaskStatus.QUEUED, now).withNotBefore(null))
                    .event(Event.of(
                            now, task.id(), null, EventTypes.TASK_STATUS, Map.of("status", "queued", "why", "retry")))
                    .build());
            return true;
        } catch (StaleVersionException ignored) {
            return false; // changed meanwhile (cancelled, or another engine requeued it)
        }
    }
}
