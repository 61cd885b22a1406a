package dev.baton.engine;

import dev.baton.core.AgentUnavailableException;
import dev.baton.core.BatonException;
import dev.baton.core.FailureReason;
import dev.baton.core.Run;
import dev.baton.core.RunId;
import dev.baton.core.Task;
import dev.baton.core.TaskId;
import dev.baton.core.WorkspaceException;
import dev.baton.session.ProcessRef;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
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
    private final Executor starts;
    private final Map<RunId, Supervised> active = new ConcurrentHashMap<>();

    RunSupervisor(
            RunStarter starter,
            RunWatcher watcher,
            RunFinisher finisher,
            Function<Run, RunStream> streams,
            Runnable onRunEnded,
            Executor starts) {
        this.starts = starts;
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

    /**
     * A run's start, which needs two things: its folders made (see {@link RunFolders}) and its claim
     * committed. Whoever completes the second goes on with the start: the thread that made the folders
     * goes on by itself, the dispatcher hands the start to a start thread. Exactly one of {@link
     * #claimed} and {@link #lost} is called.
     */
    final class Claim {
        private record Stored(Task task, Run run) {}

        private final AtomicInteger missing = new AtomicInteger(2);
        private final Supervised supervised;
        private final Run begun;
        private volatile Stored outcome;

        private Claim(Supervised supervised, Run begun) {
            this.supervised = supervised;
            this.begun = begun;
        }

        /** The claim committed; {@code task} and {@code run} as stored. */
        void claimed(Task task, Run run) {
            outcome = new Stored(task, run);
            claimSettled();
        }

        /** Another engine claimed the task first, it was cancelled, or the commit failed. */
        void lost() {
            outcome = null;
            claimSettled();
        }

        /** On the dispatcher's thread: a start that can go on is handed to a start thread. */
        private void claimSettled() {
            if (missing.decrementAndGet() == 0) starts.execute(this::proceed);
        }

        private void foldersMade() {
            if (missing.decrementAndGet() == 0) proceed();
        }

        private void proceed() {
            Stored claimed = outcome;
            if (claimed == null) {
                unregister(begun); // a lost claim leaves its folders to whoever won
            } else {
                start(supervised, claimed.task(), claimed.run());
            }
        }
    }

    /**
     * Begins a run whose claim is about to be committed: the run counts as supervised at once. Once
     * its {@code folders} are made and the {@link Claim} has committed, the run is prepared
     * (workspace) and launched on a start thread, then watched to the end on a virtual thread of its
     * own. A start is short and blocks on files and processes, so it does not hold a carrier of the
     * virtual threads; a watch is long and mostly waits.
     */
    Claim begin(Run run, CompletableFuture<Void> folders) {
        Claim claim = new Claim(register(run), run);
        if (folders.isDone()) {
            claim.foldersMade();
        } else {
            folders.whenComplete((made, failure) -> claim.foldersMade()); // a failure: the start reports it
        }
        return claim;
    }

    /** Starts the claimed run; unless it is then watched, it is no longer supervised afterwards. */
    private void start(Supervised supervised, Task task, Run run) {
        boolean watched = false;
        try {
            var started = starter.start(task, run);
            if (started.isEmpty()) return; // cancelled meanwhile
            Thread.ofVirtual().name("run-" + run.id()).start(() -> {
                try {
                    watchAndFinish(
                            supervised,
                            started.get().task(),
                            started.get().run(),
                            started.get().process());
                } finally {
                    unregister(run);
                }
            });
            watched = true;
        } catch (RuntimeException e) {
            failBeforeLaunch(run, e);
        } finally {
            if (!watched) unregister(run);
        }
    }

    private void failBeforeLaunch(Run run, RuntimeException e) {
        switch (e) {
            case AgentUnavailableException unavailable ->
                finisher.failBeforeLaunch(run, unavailable.reason(), unavailable.getMessage());
            case WorkspaceException workspace ->
                finisher.failBeforeLaunch(run, FailureReason.WORKSPACE_ERROR, workspace.getMessage());
            case BatonException launch ->
                finisher.failBeforeLaunch(run, FailureReason.LAUNCH_ERROR, launch.getMessage());
            default -> {
                log.error("run {} failed unexpectedly", run.id(), e);
                finisher.failBeforeLaunch(run, FailureReason.LAUNCH_ERROR, "internal error: " + e);
            }
        }
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
