package dev.baton.engine;

import dev.baton.core.BatonHome;
import dev.baton.core.Event;
import dev.baton.core.EventTypes;
import dev.baton.core.InvalidInputException;
import dev.baton.core.Run;
import dev.baton.core.RunId;
import dev.baton.core.StaleVersionException;
import dev.baton.core.Task;
import dev.baton.core.TaskStatus;
import dev.baton.route.TaskRouter;
import dev.baton.store.Applied;
import dev.baton.store.Changes;
import dev.baton.store.Recorder;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Claims a routed task for this node: one transaction moves it to {@code routed} (version-checked, so
 * two engines on one database never claim the same task) and inserts its run with a lease; the run's
 * folders are made meanwhile, and its start follows on a start thread once both are done. Called
 * from the dispatcher's thread.
 */
final class Claims {
    private final Recorder recorder;
    private final RunSupervisor supervisor;
    private final RunFolders folders;
    private final BatonHome home;
    private final NodeId node;
    private final EngineConfig config;

    Claims(
            Recorder recorder,
            RunSupervisor supervisor,
            RunFolders folders,
            BatonHome home,
            NodeId node,
            EngineConfig config) {
        this.recorder = recorder;
        this.supervisor = supervisor;
        this.folders = folders;
        this.home = home;
        this.node = node;
        this.config = config;
    }

    /** Begins making the folders of the runs these tasks would get, while the pass goes on. */
    void prepare(List<Task> likelyNext) {
        folders.prepare(likelyNext);
    }

    /** True when this node claimed the task; false when another engine did first, or it was cancelled. */
    boolean claim(Task task, TaskRouter.Choice choice, Instant now) {
        int attempt = task.attempts() + 1;
        Task routed = task.moveTo(TaskStatus.ROUTED, now)
                .withAgent(choice.agent().name())
                .withAttempts(attempt);
        Run run = Run.start(
                task.id(),
                attempt,
                choice.agent().name(),
                node.toString(),
                1,
                home.runDir(RunId.of(task.id(), attempt)).toString(),
                now,
                now.plus(config.leaseDuration()));
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("agent", choice.agent().name());
        data.put("why", choice.why());
        data.put("attempt", attempt);
        // Begun before the commit: the start follows once the claim has committed and the folders are made.
        RunSupervisor.Claim claim = supervisor.begin(run, folders.take(task, run.id()));
        boolean claimed = false;
        try {
            Applied applied = recorder.apply(Changes.builder()
                    .update(routed)
                    .insert(run)
                    .event(Event.of(now, task.id(), run.id(), EventTypes.TASK_ROUTED, data))
                    .build());
            claim.claimed(applied.task(task.id()), applied.run(run.id()));
            claimed = true;
            return true;
        } catch (StaleVersionException | InvalidInputException lostRace) {
            return false;
        } finally {
            if (!claimed) claim.lost();
        }
    }
}
