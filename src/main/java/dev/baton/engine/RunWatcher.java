package dev.baton.engine;

import dev.baton.core.Durations;
import dev.baton.core.Event;
import dev.baton.core.EventTypes;
import dev.baton.core.FailureReason;
import dev.baton.core.Run;
import dev.baton.core.Task;
import dev.baton.session.ProcessLauncher;
import dev.baton.session.ProcessRef;
import dev.baton.session.RunFiles;
import dev.baton.store.Changes;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Watches one running agent process until it ends, its timeout passes or it is cancelled, and
 * reports output growth as events (the output itself stays in the run's files). Blocks the calling
 * (virtual) thread.
 */
final class RunWatcher {
    private final Recorder recorder;
    private final ProcessLauncher launcher;
    private final Clock clock;
    private final EngineConfig config;

    RunWatcher(Recorder recorder, ProcessLauncher launcher, Clock clock, EngineConfig config) {
        this.recorder = recorder;
        this.launcher = launcher;
        this.clock = clock;
        this.config = config;
    }

    /** A run being watched, with the latest stored copy of the run and a cancel flag. */
    static final class Watched {
        volatile Run run;
        volatile boolean cancelRequested;
        volatile boolean detachRequested;
        final Task task;
        final ProcessRef process;

        Watched(Task task, Run run, ProcessRef process) {
            this.task = task;
            this.run = run;
            this.process = process;
        }
    }

    RunEnding watch(Watched watched) throws InterruptedException {
        CompletableFuture<Void> exit = launcher.onExit(watched.process);
        Instant deadline = watched.run.startedAt().plus(watched.task.spec().timeout());
        RunFiles files = new RunFiles(Path.of(watched.run.runDir()));
        long reportedBytes = watched.run.outputOffset();
        while (true) {
            if (watched.cancelRequested) {
                launcher.killGroup(watched.process, config.killGrace());
                return RunEnding.stopped(FailureReason.CANCELLED, "cancelled by request");
            }
            if (watched.detachRequested) {
                return null;
            }
            Duration left = Duration.between(clock.instant(), deadline);
            if (left.isNegative() || left.isZero()) {
                launcher.killGroup(watched.process, config.killGrace());
                return RunEnding.stopped(
                        FailureReason.TIMED_OUT,
                        "ran longer than its timeout of "
                                + Durations.format(watched.task.spec().timeout())
                                + "; the whole process group was killed");
            }
            Duration wait = left.compareTo(config.outputEventInterval()) < 0 ? left : config.outputEventInterval();
            try {
                exit.get(Math.max(1, wait.toMillis()), TimeUnit.MILLISECONDS);
                return RunEnding.exited(files.exitCode());
            } catch (TimeoutException stillRunning) {
                reportedBytes = reportOutput(watched, files, reportedBytes);
            } catch (ExecutionException e) {
                return RunEnding.exited(files.exitCode());
            }
        }
    }

    private long reportOutput(Watched watched, RunFiles files, long reportedBytes) {
        long stdout = files.stdoutSize();
        long stderr = files.stderrSize();
        long total = stdout + stderr;
        if (total == reportedBytes) {
            return reportedBytes;
        }
        Run run = watched.run;
        watched.run = recorder.apply(Changes.builder()
                        .update(run.withOutputOffset(total))
                        .event(Event.of(
                                clock.instant(),
                                run.taskId(),
                                run.id(),
                                EventTypes.RUN_OUTPUT,
                                Map.of("stdout_bytes", stdout, "stderr_bytes", stderr)))
                        .build())
                .run(run.id());
        return total;
    }
}
