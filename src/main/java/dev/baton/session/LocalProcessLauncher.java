package dev.baton.session;

import dev.baton.core.LaunchException;
import dev.baton.secret.EnvironmentPolicy;
import dev.baton.secret.PrivateFiles;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;

/**
 * Starts processes on this machine. Agent processes start through {@link LaunchShells}: each
 * leading a process group of its own, waited for by a long-lived shell that records the exit code,
 * so they outlive Baton and can be reconciled after a restart. Thread-safe; {@link #close()} ends
 * the idle launch shells (running agents go on).
 */
public final class LocalProcessLauncher implements ProcessLauncher {
    /** Output of short commands beyond this is dropped, so a chatty command cannot exhaust memory. */
    static final int EXEC_OUTPUT_LIMIT = 4 * 1024 * 1024;

    private final LaunchShells shells;

    /** A launcher whose runs start from the base of Baton's environment (see {@link #withBaseOf}). */
    public LocalProcessLauncher() {
        this(EnvironmentPolicy.base(System.getenv()));
    }

    /**
     * A launcher whose runs start from the {@link EnvironmentPolicy#base base} of {@code environment}
     * (paths, user, locale, proxies), never from all of it: whatever else a run gets, its launch spec
     * names, so no secret of Baton's reaches an agent that was not given it.
     */
    public static LocalProcessLauncher withBaseOf(Map<String, String> environment) {
        return new LocalProcessLauncher(EnvironmentPolicy.base(environment));
    }

    /** A launcher whose runs start from exactly {@code environment} (plus their spec's variables). */
    LocalProcessLauncher(Map<String, String> environment) {
        this.shells = new LaunchShells(environment, this::pollExit);
    }

    @Override
    public ProcessRef launchDetached(LaunchSpec spec) {
        try {
            createRunFolder(spec.runDir());
        } catch (IOException e) {
            throw new LaunchException("could not create the run folder " + spec.runDir() + ": " + e.getMessage(), e);
        }
        return shells.launch(spec);
    }

    /**
     * Creates the run folder with empty output and pid files, so that the launch shell, just before
     * the agent starts, only opens files that exist instead of creating them.
     */
    @Override
    public void prepareRunFolder(Path runDir) {
        try {
            createRunFolder(runDir);
        } catch (IOException e) {
            throw new LaunchException("could not create the run folder " + runDir + ": " + e.getMessage(), e);
        }
    }

    /**
     * The run folder ({@code 0700}) with its output and pid files ({@code 0600}): the output is kept
     * raw, secrets and all, and is redacted only when read, so only the user may read it on disk.
     */
    private static void createRunFolder(Path runDir) throws IOException {
        RunFiles files = new RunFiles(runDir);
        PrivateFiles.folder(runDir);
        for (Path file : List.of(files.stdout(), files.stderr(), files.pidFile())) {
            PrivateFiles.file(file);
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
        return shells.exitOf(ref.pid()).orElseGet(() -> pollExit(ref));
    }

    /**
     * Polls a process this Baton's shells do not wait for (started by a previous Baton), because the
     * JDK counts a zombie as alive and an orphan's zombie may never be reaped in a container without
     * a proper init.
     */
    private CompletableFuture<Void> pollExit(ProcessRef ref) {
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

    /** Ends the idle launch shells; runs still going keep their shells until they end. */
    @Override
    public void close() {
        shells.close();
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
