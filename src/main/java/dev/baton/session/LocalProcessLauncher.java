package dev.baton.session;

import dev.baton.core.LaunchException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;

/**
 * Starts processes on this machine. Agent processes run under {@code setsid} with a small shell
 * wrapper that records the exit code, so they outlive Baton and can be reconciled after a restart.
 * Thread-safe.
 */
public final class LocalProcessLauncher implements ProcessLauncher {
    /** Output of short commands beyond this is dropped, so a chatty command cannot exhaust memory. */
    static final int EXEC_OUTPUT_LIMIT = 4 * 1024 * 1024;

    /**
     * The shell script (given to {@code sh -c}, so no file is written per run) that runs the agent
     * command and records how it ended, even when Baton is gone.
     */
    private static final String WRAPPER = """
            echo $$ > "$BATON_RUN_DIR/pid"
            "$@"
            code=$?
            # A builtin, not mv: no extra process per run. Readers look only after this process has ended.
            printf '%s\\n' "$code" > "$BATON_RUN_DIR/exit_code"
            """;

    /** Agent processes this Baton started and that are still running, by pid. */
    private final Map<Long, Process> children = new ConcurrentHashMap<>();

    @Override
    public ProcessRef launchDetached(LaunchSpec spec) {
        RunFiles files = new RunFiles(spec.runDir());
        try {
            Files.createDirectories(spec.runDir());
            // $0 of the script is "baton-run" (the name in the shell's messages); "$@" the agent command
            List<String> command = new ArrayList<>(List.of("setsid", "/bin/sh", "-c", WRAPPER, "baton-run"));
            command.addAll(spec.command());
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(spec.workdir().toFile())
                    .redirectInput(
                            ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                    .redirectOutput(
                            ProcessBuilder.Redirect.appendTo(files.stdout().toFile()))
                    .redirectError(
                            ProcessBuilder.Redirect.appendTo(files.stderr().toFile()));
            builder.environment().putAll(spec.env());
            builder.environment()
                    .put("BATON_RUN_DIR", spec.runDir().toAbsolutePath().toString());
            Process process = builder.start();
            children.put(process.pid(), process);
            process.onExit().thenRun(() -> children.remove(process.pid()));
            Instant started = process.info().startInstant().orElseGet(Instant::now);
            return new ProcessRef(process.pid(), started);
        } catch (IOException e) {
            throw new LaunchException(
                    "could not start " + spec.command().getFirst() + " in " + spec.workdir() + ": " + e.getMessage(),
                    e);
        }
    }

    @Override
    public boolean isAlive(ProcessRef ref) {
        return handleOf(ref).isPresent() && !ProcStat.isZombie(ref.pid());
    }

    private static Optional<ProcessHandle> handleOf(ProcessRef ref) {
        return ProcessHandle.of(ref.pid())
                .filter(handle -> handle.isAlive()
                        && handle.info()
                                .startInstant()
                                .map(start -> Duration.between(start, ref.startedAt())
                                                .abs()
                                                .toMillis()
                                        < 1000)
                                .orElse(true));
    }

    @Override
    public CompletableFuture<Void> onExit(ProcessRef ref) {
        Process child = children.get(ref.pid());
        if (child != null) {
            return child.onExit().thenApply(ended -> (Void) null);
        }
        // Not our child (started by a previous Baton): poll, because the JDK counts a zombie as alive
        // and an orphan's zombie may never be reaped in a container without a proper init.
        CompletableFuture<Void> exited = new CompletableFuture<>();
        Thread.ofVirtual().name("await-exit-" + ref.pid()).start(() -> {
            long pause = 50;
            while (isAlive(ref)) {
                try {
                    Thread.sleep(pause);
                } catch (InterruptedException e) {
                    exited.completeExceptionally(e);
                    return;
                }
                pause = Math.min(1000, pause * 2);
            }
            exited.complete(null);
        });
        return exited;
    }

    @Override
    public void killGroup(ProcessRef ref, Duration grace) {
        if (!groupExists(ref.pid()) && !isAlive(ref)) {
            return;
        }
        signalGroup(ref.pid(), "TERM");
        long deadline = System.nanoTime() + grace.toNanos();
        while (System.nanoTime() < deadline && groupExists(ref.pid())) {
            sleep(Duration.ofMillis(20));
        }
        if (groupExists(ref.pid())) {
            signalGroup(ref.pid(), "KILL");
        }
    }

    private boolean groupExists(long pgid) {
        return exec(List.of("kill", "-0", "--", "-" + pgid), Path.of("/"), Map.of(), Duration.ofSeconds(5))
                .ok();
    }

    private void signalGroup(long pgid, String signal) {
        exec(List.of("kill", "-" + signal, "--", "-" + pgid), Path.of("/"), Map.of(), Duration.ofSeconds(5));
    }

    @Override
    public ExecResult exec(List<String> command, Path cwd, Map<String, String> env, Duration timeout) {
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(cwd.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        builder.environment().putAll(env);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new LaunchException("could not run " + command.getFirst() + ": " + e.getMessage(), e);
        }
        FutureTask<String> stdout = drain(process.getInputStream());
        FutureTask<String> stderr = drain(process.getErrorStream());
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                process.waitFor();
                return new ExecResult(
                        124, stdout.get(), String.join(" ", command) + " timed out after " + timeout.toSeconds() + "s");
            }
            return new ExecResult(process.exitValue(), stdout.get(), stderr.get());
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new LaunchException("interrupted while running " + command.getFirst(), e);
        } catch (ExecutionException e) {
            throw new LaunchException("could not read the output of " + command.getFirst(), e.getCause());
        }
    }

    /** Reads a stream to its end on a virtual thread, keeping at most {@link #EXEC_OUTPUT_LIMIT} bytes. */
    private static FutureTask<String> drain(InputStream in) {
        FutureTask<String> task = new FutureTask<>(() -> {
            ByteArrayOutputStream kept = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            try (in) {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    int room = EXEC_OUTPUT_LIMIT - kept.size();
                    if (room > 0) kept.write(buffer, 0, Math.min(n, room));
                }
            }
            return kept.toString(StandardCharsets.UTF_8);
        });
        Thread.ofVirtual().start(task);
        return task;
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
