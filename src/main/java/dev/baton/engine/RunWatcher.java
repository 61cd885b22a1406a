package dev.baton.engine;

import dev.baton.core.Durations;
import dev.baton.core.FailureReason;
import dev.baton.core.Run;
import dev.baton.core.Task;
import dev.baton.session.ProcessLauncher;
import dev.baton.session.ProcessRef;
import dev.baton.session.RunFiles;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Watches one running agent process until it ends, its timeout passes, it stalls or it is
 * cancelled, following its output through a {@link RunStream} meanwhile. Blocks the calling
 * (virtual) thread.
 *
 * <p>The watch sleeps until the process exits, a cancel or detach is requested, or its output may
 * have grown. A run whose stream is parsed is read every {@link #STREAM_INTERVAL}. Other runs only
 * report output growth: one shared ticker checks all their output sizes every {@code
 * outputEventInterval} and wakes just the runs whose output grew, so a thousand quiet runs cost one
 * wakeup per interval rather than a thousand.
 */
final class RunWatcher {
    /** How often a structured stream is read while the agent runs, so events arrive live. */
    private static final Duration STREAM_INTERVAL = Duration.ofMillis(250);

    private final ProcessLauncher launcher;
    private final Clock clock;
    private final EngineConfig config;
    private final java.util.function.Predicate<dev.baton.core.TaskId> waitingForPerson;
    private final ScheduledExecutorService ticker;

    /**
     * @param waitingForPerson whether a task has a pending decision: an agent waiting for a person's
     *     answer to its permission question is quiet, not stalled
     * @param ticker the engine's thread that checks the output of the runs that are not parsed
     */
    RunWatcher(
            ProcessLauncher launcher,
            Clock clock,
            EngineConfig config,
            java.util.function.Predicate<dev.baton.core.TaskId> waitingForPerson,
            ScheduledExecutorService ticker) {
        this.ticker = ticker;
        this.waitingForPerson = waitingForPerson;
        this.launcher = launcher;
        this.clock = clock;
        this.config = config;
    }

    /** The runs whose output the ticker checks, while they are watched. */
    private final Set<Watched> unparsed = ConcurrentHashMap.newKeySet();

    /** Guarded by this; null while {@link #unparsed} is empty. */
    private ScheduledFuture<?> ticking;

    /** A run being watched, with the latest stored copy of the run and the flags that stop the watch. */
    static final class Watched {
        volatile Run run;
        volatile boolean cancelRequested;
        volatile boolean detachRequested;
        /** Completed to wake the watch; replaced before each wait, and before the flags are checked. */
        private volatile CompletableFuture<Void> wake = new CompletableFuture<>();

        final Task task;
        final ProcessRef process;
        final RunStream stream;

        Watched(Task task, Run run, ProcessRef process, RunStream stream) {
            this.task = task;
            this.run = run;
            this.process = process;
            this.stream = stream;
        }

        /** Stops the watch: the process group is killed and the run recorded cancelled. */
        void requestCancel() {
            cancelRequested = true;
            wake.complete(null);
        }

        /** Stops the watch without touching the process. */
        void requestDetach() {
            detachRequested = true;
            wake.complete(null);
        }

        private CompletableFuture<Void> nextWake() {
            CompletableFuture<Void> next = new CompletableFuture<>();
            wake = next;
            return next;
        }
    }

    /** Returns how the run ended, or null when the watch was detached (Baton is stopping). */
    RunEnding watch(Watched watched) throws InterruptedException {
        boolean ticked = !watched.stream.parses();
        if (ticked) follow(watched);
        try {
            return watchUntilEnd(watched);
        } finally {
            if (ticked) unfollow(watched);
        }
    }

    private RunEnding watchUntilEnd(Watched watched) throws InterruptedException {
        CompletableFuture<Void> exit = launcher.onExit(watched.process);
        Instant deadline = watched.run.startedAt().plus(watched.task.spec().timeout());
        RunFiles files = new RunFiles(Path.of(watched.run.runDir()));
        while (true) {
            // A new wake before the flags are read: a request made after the check completes it.
            CompletableFuture<Void> wake = watched.nextWake();
            if (watched.cancelRequested) {
                launcher.killGroup(watched.process, config.killGrace());
                return drained(watched, RunEnding.stopped(FailureReason.CANCELLED, "cancelled by request"));
            }
            if (watched.detachRequested) {
                return null;
            }
            Instant now = clock.instant();
            if (!now.isBefore(deadline)) {
                launcher.killGroup(watched.process, config.killGrace());
                return drained(
                        watched,
                        RunEnding.stopped(
                                FailureReason.TIMED_OUT,
                                "ran longer than its timeout of "
                                        + Durations.format(watched.task.spec().timeout())
                                        + "; the whole process group was killed"));
            }
            if (watched.stream.parses()
                    && Duration.between(watched.stream.lastActivity(), now).compareTo(config.stallTimeout()) >= 0
                    && !waitingForPerson.test(watched.task.id())) {
                launcher.killGroup(watched.process, config.killGrace());
                return drained(
                        watched,
                        RunEnding.stopped(
                                FailureReason.STALLED,
                                "printed nothing for " + Durations.format(config.stallTimeout())
                                        + " (waiting for input it will never get?); the process group was killed"));
            }
            Duration left = Duration.between(now, deadline);
            Duration wait = watched.stream.parses() && STREAM_INTERVAL.compareTo(left) < 0 ? STREAM_INTERVAL : left;
            try {
                CompletableFuture.anyOf(exit, wake).get(Math.max(1, wait.toMillis()), TimeUnit.MILLISECONDS);
            } catch (TimeoutException timeToLook) {
                // the stream's interval or the deadline
            } catch (ExecutionException e) {
                if (!exit.isDone()) throw new IllegalStateException("waiting for run " + watched.run.id(), e);
            }
            if (exit.isDone()) {
                return drained(watched, RunEnding.exited(files.exitCodeOnceRecorded()));
            }
            watched.run = watched.stream.poll(watched.run, false);
        }
    }

    private synchronized void follow(Watched watched) {
        unparsed.add(watched);
        if (ticking == null) {
            long every = Math.max(1, config.outputEventInterval().toMillis());
            ticking = ticker.scheduleWithFixedDelay(this::tick, every, every, TimeUnit.MILLISECONDS);
        }
    }

    private synchronized void unfollow(Watched watched) {
        unparsed.remove(watched);
        if (unparsed.isEmpty() && ticking != null) {
            ticking.cancel(false);
            ticking = null;
        }
    }

    /**
     * Wakes the runs whose output differs from what their stored run says was reported. Compared
     * with the stored offset rather than with the last tick, so growth that a watch missed while it
     * was busy wakes it again at the next tick.
     */
    private void tick() {
        for (Watched watched : unparsed) {
            try {
                if (watched.stream.outputSize() != watched.run.outputOffset()) {
                    watched.wake.complete(null);
                }
            } catch (RuntimeException e) {
                watched.wake.complete(null); // let the run's own thread meet the problem
            }
        }
    }

    private static RunEnding drained(Watched watched, RunEnding ending) {
        watched.run = watched.stream.poll(watched.run, true);
        return ending;
    }
}
