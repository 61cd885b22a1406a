package dev.baton.integrate;

import dev.baton.core.Event;
import dev.baton.core.EventTypes;
import dev.baton.core.Task;
import dev.baton.gate.Gatekeeper;
import dev.baton.gate.ProjectConfig;
import dev.baton.store.Recorder;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the merge queue of a project with {@code auto_merge: true} when one of its tasks completes,
 * and when a merge or conflict decision of it is answered, on a virtual thread of its own. A
 * listener of the {@link Recorder}; thread-safe.
 */
public final class AutoMerge implements Consumer<Event> {
    private static final Logger log = LoggerFactory.getLogger(AutoMerge.class);

    private final Recorder recorder;
    private final MergeQueue queue;

    public AutoMerge(Recorder recorder, MergeQueue queue) {
        this.recorder = recorder;
        this.queue = queue;
    }

    @Override
    public void accept(Event event) {
        boolean relevant = event.type().equals(EventTypes.TASK_COMPLETED)
                || (event.type().equals(EventTypes.DECISION_ANSWERED)
                        && ("merge".equals(event.data().get("kind"))
                                || "conflict".equals(event.data().get("kind"))));
        if (!relevant || event.taskId() == null) return;
        Task task = recorder.store().findTask(event.taskId()).orElse(null);
        if (task == null || task.spec().repo() == null) return;
        Thread.ofVirtual().name("merge-" + task.id()).start(() -> {
            try {
                ProjectConfig project = Gatekeeper.projectOf(task);
                if (project.autoMerge()) queue.merge(Path.of(task.spec().repo()));
            } catch (RuntimeException e) {
                log.warn("automatic merge after task {} failed: {}", task.id(), e.getMessage());
            }
        });
    }
}
