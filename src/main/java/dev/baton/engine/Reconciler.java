package dev.baton.engine;

import dev.baton.core.Event;
import dev.baton.core.EventTypes;
import dev.baton.core.Run;
import dev.baton.core.RunStatus;
import dev.baton.core.Task;
import dev.baton.core.TaskStatus;
import dev.baton.session.ProcessLauncher;
import dev.baton.session.ProcessRef;
import dev.baton.session.RunFiles;
import dev.baton.store.Applied;
import dev.baton.store.Changes;
import dev.baton.store.Recorder;
import dev.baton.store.Store;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes over runs no live engine supervises — after a crash or restart of Baton — and settles each:
 * its process still alive → watched again; exited → finished with its recorded exit code; gone
 * without one → failed as lost and retried per policy. A run is taken over only when its lease has
 * expired or its node is known dead, so no run is ever supervised twice. Called from one thread.
 */
final class Reconciler {
    private static final Logger log = LoggerFactory.getLogger(Reconciler.class);

    private final Recorder recorder;
    private final RunSupervisor supervisor;
    private final ProcessLauncher launcher;
    private final NodeId node;
    private final EngineConfig config;
    private final Clock clock;

    Reconciler(
            Recorder recorder,
            RunSupervisor supervisor,
            ProcessLauncher launcher,
            NodeId node,
            EngineConfig config,
            Clock clock) {
        this.recorder = recorder;
        this.supervisor = supervisor;
        this.launcher = launcher;
        this.node = node;
        this.config = config;
        this.clock = clock;
    }

    /** Settles every orphaned run; returns how many it took over. */
    int reconcile() {
        int taken = 0;
        for (Run run : recorder.store().activeRuns()) {
            if (supervisor.isSupervising(run.id())) continue;
            Optional<Run> mine = takeOver(run);
            if (mine.isEmpty()) continue;
            taken++;
            try {
                settle(mine.get());
            } catch (RuntimeException e) {
                log.error("could not reconcile run {}", run.id(), e);
            }
        }
        return taken;
    }

    private Optional<Run> takeOver(Run run) {
        Store store = recorder.store();
        Instant now = clock.instant();
        Instant until = now.plus(config.leaseDuration());
        Optional<NodeId> owner = NodeId.parse(run.nodeId());
        if (owner.isPresent()
                && !owner.get().equals(node)
                && owner.get().sameHost(node)
                && !launcher.isAlive(owner.get().process())) {
            return store.takeOverFrom(run.id(), run.nodeId(), node.toString(), until);
        }
        return store.takeOver(run.id(), node.toString(), now, until);
    }

    private void settle(Run run) {
        Store store = recorder.store();
        Task task = store.findTask(run.taskId()).orElseThrow();
        RunFiles files = new RunFiles(Path.of(run.runDir()));
        Optional<ProcessRef> process = processOf(run, files);
        if (process.isPresent() && launcher.isAlive(process.get())) {
            Run watched = run;
            Task current = task;
            if (run.status() == RunStatus.STARTING) {
                Applied applied = recordLaunch(task, run, process.get());
                watched = applied.run(run.id());
                current = applied.task(task.id()) != null ? applied.task(task.id()) : task;
            }
            note(run, "running", "the agent process is still running; watching it again");
            supervisor.resume(current, watched, process.get());
            return;
        }
        OptionalInt exit;
        try {
            exit = files.exitCodeOnceRecorded();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return; // Baton is stopping: the run stays active, and the next start settles it
        }
        note(
                run,
                exit.isPresent() ? "exited" : "gone",
                exit.isPresent()
                        ? "the agent process ended with code " + exit.getAsInt() + " while Baton was away"
                        : "the agent process is gone and left no exit code");
        supervisor.finishFound(run, RunEnding.exited(exit));
    }

    /** The run's process: as recorded, or from the pid file its wrapper wrote if Baton died before recording it. */
    private Optional<ProcessRef> processOf(Run run, RunFiles files) {
        if (run.pid() != null) {
            return Optional.of(new ProcessRef(run.pid(), run.processStart()));
        }
        var pid = files.pid();
        if (pid.isEmpty()) return Optional.empty();
        return ProcessHandle.of(pid.getAsLong())
                .flatMap(handle -> handle.info().startInstant())
                .filter(start -> !start.isBefore(run.startedAt().minus(Duration.ofSeconds(1))))
                .map(start -> new ProcessRef(pid.getAsLong(), start));
    }

    private Applied recordLaunch(Task task, Run run, ProcessRef process) {
        Changes.Builder changes =
                Changes.builder().update(run.launched(process.pid(), process.startedAt(), run.workdir(), run.branch()));
        if (task.status() == TaskStatus.ROUTED) {
            changes.update(task.moveTo(TaskStatus.RUNNING, clock.instant()));
        }
        return recorder.apply(changes.build());
    }

    private void note(Run run, String found, String detail) {
        recorder.apply(Changes.builder()
                .event(Event.of(
                        clock.instant(),
                        run.taskId(),
                        run.id(),
                        EventTypes.RUN_RECONCILED,
                        Map.of("found", found, "detail", detail, "node", node.toString())))
                .build());
    }
}
