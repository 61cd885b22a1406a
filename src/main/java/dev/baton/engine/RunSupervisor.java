package dev.baton.engine;

import dev.baton.core.AgentUnavailableException;
import dev.baton.core.BatonException;
import dev.baton.core.FailureReason;
import dev.baton.core.LaunchException;
import dev.baton.core.Run;
import dev.baton.core.RunId;
import dev.baton.core.Task;
import dev.baton.core.TaskId;
import dev.baton.core.WorkspaceException;
import dev.baton.session.ProcessRef;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Supervises runs, each on a virtual thread: start (workspace, process), watch, finish. Knows which
 * runs this node is supervising, so the dispatcher can respect concurrency limits. Thread-safe.
 */
final class RunSupervisor {
    private static final Logger log = LoggerFactory.getLogger(RunSupervisor.class);

    private final RunStarter starter;
    private final RunWatcher watcher;
    private final RunFinisher finisher;
    private final Runnable onRunEnded;
    private final Function<Run, RunStream> streams;
    private final Map<RunId, Supervised> active = new ConcurrentHashMap<>();

    RunSupervisor(
            RunStarter starter,
            RunWatcher watcher,
            RunFinisher finisher,
            Function<Run, RunStream> streams,
            Runnable onRunEnded) {
        this.streams = streams;
        this.starter = starter;
        this.watcher = watcher;
        this.finisher = finisher;
        this.onRunEnded = onRunEnded;
    }

    private static final class Supervised {
        final String agent;
        final TaskId task;
        volatile RunWatcher.Watched watched;
        volatile boolean cancelRequested;

        Supervised(String agent, TaskId task) {
            this.agent = agent;
            this.task = task;
        }
    }

    int activeCount() {
        return active.size();
    }

    boolean isSupervising(RunId run) {
        return active.containsKey(run);
    }

    Map<String, Integer> activeByAgent() {
        Map<String, Integer> counts = new HashMap<>();
        active.values().forEach(s -> counts.merge(s.agent, 1, Integer::sum));
        return counts;
    }

    /** Creates a run's folders ahead of {@link #start}: see {@link RunStarter#prepareFolders}. */
    java.util.concurrent.CompletableFuture<Void> prepareFolders(Task task, Run run) {
        return starter.prepareFolders(task, run);
    }

    /**
     * Starts a freshly claimed run: waits for its folders ({@code folders}, from {@link
     * #prepareFolders}), prepares its workspace, launches it, watches it to the end.
     */
    void start(Task task, Run run, java.util.concurrent.CompletableFuture<Void> folders) {
        Supervised supervised = register(run);
        Thread.ofVirtual().name("run-" + run.id()).start(() -> {
            try {
                folders.exceptionally(ignored -> null).join(); // a head start: start reports what failed
                var started = starter.start(task, run);
                if (started.isEmpty()) return;
                watchAndFinish(
                        supervised,
                        started.get().task(),
                        started.get().run(),
                        started.get().process());
            } catch (AgentUnavailableException e) {
                finisher.failBeforeLaunch(run, e.reason(), e.getMessage());
            } catch (WorkspaceException e) {
                finisher.failBeforeLaunch(run, FailureReason.WORKSPACE_ERROR, e.getMessage());
            } catch (LaunchException e) {
                finisher.failBeforeLaunch(run, FailureReason.LAUNCH_ERROR, e.getMessage());
            } catch (BatonException e) {
                finisher.failBeforeLaunch(run, FailureReason.LAUNCH_ERROR, e.getMessage());
            } catch (RuntimeException e) {
                log.error("run {} failed unexpectedly", run.id(), e);
                finisher.failBeforeLaunch(run, FailureReason.LAUNCH_ERROR, "internal error: " + e);
            } finally {
                unregister(run);
            }
        });
    }

    /** Watches a run whose process is still alive after a restart of Baton. */
    void resume(Task task, Run run, ProcessRef process) {
        Supervised supervised = register(run);
        Thread.ofVirtual().name("run-" + run.id()).start(() -> {
            try {
                watchAndFinish(supervised, task, run, process);
            } finally {
                unregister(run);
            }
        });
    }

    /** Finishes, on the caller's thread, a run found ended after a restart. */
    void finishFound(Run run, RunEnding ending) {
        RunStream stream = streams.apply(run);
        Run caughtUp = stream.poll(run, true);
        finisher.finish(caughtUp, ending, stream.transcript());
        onRunEnded.run();
    }

    /** Asks the runs of a task to stop; their process groups are killed and the runs recorded cancelled. */
    void cancel(TaskId task) {
        active.values().stream().filter(s -> s.task.equals(task)).forEach(s -> {
            s.cancelRequested = true;
            RunWatcher.Watched watched = s.watched;
            if (watched != null) watched.requestCancel();
        });
    }

    /** Stops watching every run without touching the processes: they go on, and a later start reconciles them. */
    void detachAll() {
        active.values().forEach(s -> {
            RunWatcher.Watched watched = s.watched;
            if (watched != null) watched.requestDetach();
        });
    }

    private void watchAndFinish(Supervised supervised, Task task, Run run, ProcessRef process) {
        RunWatcher.Watched watched = new RunWatcher.Watched(task, run, process, streams.apply(run));
        watched.cancelRequested = supervised.cancelRequested;
        supervised.watched = watched;
        try {
            RunEnding ending = watcher.watch(watched);
            if (ending == null) return; // detached: Baton is stopping, the process goes on
            finisher.finish(watched.run, ending, watched.stream.transcript());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            log.error("supervising run {} failed", run.id(), e);
        }
    }

    private Supervised register(Run run) {
        Supervised supervised = new Supervised(run.agent(), run.taskId());
        active.put(run.id(), supervised);
        return supervised;
    }

    private void unregister(Run run) {
        active.remove(run.id());
        onRunEnded.run();
    }
}
