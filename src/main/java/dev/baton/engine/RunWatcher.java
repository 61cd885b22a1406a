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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Watches one running agent process until it ends, its timeout passes, it stalls or it is
 * cancelled, following its output through a {@link RunStream} meanwhile. Blocks the calling
 * (virtual) thread.
 */
final class RunWatcher {
    /** How often a structured stream is read while the agent runs, so events arrive live. */
    private static final Duration STREAM_INTERVAL = Duration.ofMillis(250);

    private final ProcessLauncher launcher;
    private final Clock clock;
    private final EngineConfig config;
    private final java.util.function.Predicate<dev.baton.core.TaskId> waitingForPerson;

    /**
     * @param waitingForPerson whether a task has a pending decision: an agent waiting for a person's
     *     answer to its permission question is quiet, not stalled
     */
    RunWatcher(
            ProcessLauncher launcher,
            Clock clock,
            EngineConfig config,
            java.util.function.Predicate<dev.baton.core.TaskId> waitingForPerson) {
        this.waitingForPerson = waitingForPerson;
        this.launcher = launcher;
        this.clock = clock;
        this.config = config;
    }

    /** A run being watched, with the latest stored copy of the run and the flags that stop the watch. */
    static final class Watched {
        volatile Run run;
        volatile boolean cancelRequested;
        volatile boolean detachRequested;
        final Task task;
        final ProcessRef process;
        final RunStream stream;

        Watched(Task task, Run run, ProcessRef process, RunStream stream) {
            this.task = task;
            this.run = run;
            this.process = process;
            this.stream = stream;
        }
    }

    /** Returns how the run ended, or null when the watch was detached (Baton is stopping). */
    RunEnding watch(Watched watched) throws InterruptedException {
        CompletableFuture<Void> exit = launcher.onExit(watched.process);
        Instant deadline = watched.run.startedAt().plus(watched.task.spec().timeout());
        Duration interval = watched.stream.parses() ? STREAM_INTERVAL : config.outputEventInterval();
        RunFiles files = new RunFiles(Path.of(watched.run.runDir()));
        while (true) {
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
            Duration wait = left.compareTo(interval) < 0 ? left : interval;
            try {
                exit.get(Math.max(1, wait.toMillis()), TimeUnit.MILLISECONDS);
                return drained(watched, RunEnding.exited(files.exitCode()));
            } catch (TimeoutException stillRunning) {
                watched.run = watched.stream.poll(watched.run, false);
            } catch (ExecutionException e) {
                return drained(watched, RunEnding.exited(files.exitCode()));
            }
        }
    }

    private static RunEnding drained(Watched watched, RunEnding ending) {
        watched.run = watched.stream.poll(watched.run, true);
        return ending;
    }
}
