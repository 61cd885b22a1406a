package dev.baton.gate;

import dev.baton.core.Decision;
import dev.baton.core.Event;
import dev.baton.core.EventTypes;
import dev.baton.core.FailureReason;
import dev.baton.core.StaleVersionException;
import dev.baton.core.Task;
import dev.baton.core.TaskStatus;
import dev.baton.store.Changes;
import dev.baton.store.Recorder;
import java.time.Instant;
import java.util.Map;

/**
 * Fails a task that never got a run (its dependencies failed, no agent can ever take it, its
 * project config is wrong, the command policy refuses it), closing the questions still asked about
 * it in the same transaction.
 */
public final class UnstartedFailure {
    private UnstartedFailure() {}

    public static void fail(Recorder recorder, Task task, FailureReason reason, String detail, Instant now) {
        try {
            Changes.Builder changes = Changes.builder();
            // a question about a task that can no longer run needs no answer
            recorder.store().decisionsOf(task.id()).stream()
                    .filter(Decision::isPending)
                    .forEach(d -> changes.update(d.close(now, "the task failed: " + detail)));
            recorder.apply(changes.update(task.fail(TaskStatus.FAILED, reason, detail, now))
                    .event(Event.of(
                            now,
                            task.id(),
                            null,
                            EventTypes.TASK_FAILED,
                            Map.of("reason", reason.wireName(), "detail", detail)))
                    .build());
        } catch (StaleVersionException ignored) {
            // changed meanwhile (cancelled, or another engine moved it); a later pass sees it again
        }
    }
}
