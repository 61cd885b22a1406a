package dev.baton.engine;

import dev.baton.core.BatonHome;
import dev.baton.core.RunId;
import dev.baton.core.Task;
import dev.baton.session.ProcessLauncher;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;

/**
 * Makes the folders of runs about to start ahead of their start: the run folder with empty output
 * and pid files (so the launch only opens them) and, for a task without repository, its scratch
 * folder. Creating a file or folder takes a fraction of a millisecond on some disks; asked for as
 * soon as the dispatcher has read the head of the queue, this work overlaps the rest of its pass and
 * the claim's commit instead of delaying the launch. Only a head start: the start creates whatever
 * is still missing and reports what fails. Thread-safe.
 */
final class RunFolders {
    /** Preparations kept for runs that have not started; more are forgotten (made again if needed). */
    private static final int MAX_KEPT = 256;

    private final ProcessLauncher launcher;
    private final Workdirs workdirs;
    private final BatonHome home;
    private final Executor starts;
    private final Map<RunId, CompletableFuture<Void>> begun = new ConcurrentHashMap<>();

    RunFolders(ProcessLauncher launcher, Workdirs workdirs, BatonHome home, Executor starts) {
        this.starts = starts;
        this.launcher = launcher;
        this.workdirs = workdirs;
        this.home = home;
    }

    /** Begins making the folders of each task's next run, unless they were begun already. */
    void prepare(List<Task> tasks) {
        for (Task task : tasks) {
            if (begun.size() >= MAX_KEPT) begun.clear(); // runs that never started: cancelled, claimed elsewhere
            begun.computeIfAbsent(nextRun(task), run -> make(task, run));
        }
    }

    /** The making of the folders of a run about to start: begun earlier, or now. */
    CompletableFuture<Void> take(Task task, RunId run) {
        CompletableFuture<Void> making = begun.remove(run);
        return making != null ? making : make(task, run);
    }

    private static RunId nextRun(Task task) {
        return RunId.of(task.id(), task.attempts() + 1);
    }

    /** The two folders on two threads: made in parallel, they are ready sooner. */
    private CompletableFuture<Void> make(Task task, RunId run) {
        CompletableFuture<Void> runFolder =
                CompletableFuture.runAsync(() -> launcher.prepareRunFolder(home.runDir(run)), starts);
        if (task.spec().repo() != null) return runFolder;
        return CompletableFuture.allOf(runFolder, CompletableFuture.runAsync(() -> workdirs.scratch(task), starts));
    }
}
