package dev.baton.session;

import dev.baton.core.LaunchException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts runs through long-lived shells ({@code setsid bash -s}, each in a session of its own)
 * that Baton keeps and reuses, instead of spawning the wrapper from the JVM for every run. A run
 * then costs the shell's fork and the {@code exec} of the agent, not the JVM's spawn helper and a
 * new shell: the run starts sooner and takes less CPU. What each shell does for a run is in {@link
 * LaunchScript}.
 *
 * <p>A shell runs one run at a time, waiting for it in the foreground as the wrapper used to, so the
 * run's pid and exit-code files are written even when Baton is gone. The shells report on one named
 * pipe that one thread reads ({@link LaunchReports}): {@code started}, {@code exited}, {@code failed}. A shell reads its
 * commands from a pipe Baton holds: when Baton ends, even killed, the shell finishes the run it
 * waits for, records it and exits.
 *
 * <p>Thread-safe.
 */
final class LaunchShells implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(LaunchShells.class);
    /** Idle shells kept for the next runs; more are closed as their runs end. */
    static final int MAX_IDLE = 8;

    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

    private final Function<ProcessRef, CompletableFuture<Void>> pollExit;
    private final AtomicLong launchIds = new AtomicLong();
    /** Launches whose shell has not reported their end, by launch id. */
    private final Map<Long, Launch> launches = new ConcurrentHashMap<>();
    /** The running runs' exits, by pid; removed when the run has ended. */
    private final Map<Long, CompletableFuture<Void>> exits = new ConcurrentHashMap<>();
    /** Guarded by this. */
    private final Deque<Shell> idle = new ArrayDeque<>();
    /** Guarded by this; null until the first launch and after close. */
    private LaunchReports reports;

    private boolean closed;

    /** The shells' environment: Baton's, without what would make bash run the user's code at start. */
    private final Map<String, String> shellEnvironment;

    /**
     * @param environment Baton's environment, which the shells and so the runs inherit (a run gets
     *     any variable the shells are started without back through its launch line)
     * @param pollExit watches a process that is not this JVM's child until it ends: used for a run
     *     whose shell died before the run did
     */
    LaunchShells(Map<String, String> environment, Function<ProcessRef, CompletableFuture<Void>> pollExit) {
        this.shellEnvironment = LaunchScript.shellEnvironment(environment);
        this.pollExit = pollExit;
    }

    /** Starts the run; returns once its process exists and has written its pid file. */
    ProcessRef launch(LaunchSpec spec) {
        long id = launchIds.incrementAndGet();
        String script = LaunchScript.of(id, spec, shellEnvironment);
        for (int tries = 0; ; tries++) {
            Shell shell = take();
            Launch launch = new Launch(id, shell);
            launches.put(id, launch);
            shell.current = launch;
            try {
                shell.send(script);
            } catch (IOException e) {
                launches.remove(id);
                shell.process.destroyForcibly();
                if (tries < 2) continue; // a shell that died while idle: take another
                throw new LaunchException(
                        "could not start " + spec.command().getFirst() + ": the launch shell did not take the run ("
                                + e.getMessage() + ")",
                        e);
            }
            return awaitStart(launch, spec);
        }
    }

    private ProcessRef awaitStart(Launch launch, LaunchSpec spec) {
        try {
            return launch.started.get(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new LaunchException(
                    "could not start " + spec.command().getFirst() + " in " + spec.workdir() + ": "
                            + e.getCause().getMessage(),
                    e.getCause());
        } catch (TimeoutException e) {
            launch.shell.process.destroyForcibly();
            throw new LaunchException(
                    "could not start " + spec.command().getFirst() + ": the launch shell did not report the start in "
                            + START_TIMEOUT.toSeconds() + " s",
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LaunchException(
                    "interrupted while starting " + spec.command().getFirst(), e);
        }
    }

    /** Completes when the run with that pid ends; empty when no shell of this Baton runs it. */
    Optional<CompletableFuture<Void>> exitOf(long pid) {
        return Optional.ofNullable(exits.get(pid));
    }

    /** An idle shell, or a new one (spawned outside the lock: other launches and reports go on meanwhile). */
    private Shell take() {
        LaunchReports open;
        synchronized (this) {
            if (closed) throw new LaunchException("the launcher is closed");
            if (reports == null) reports = LaunchReports.open(this::onReport);
            while (!idle.isEmpty()) {
                Shell shell = idle.pollFirst();
                if (shell.process.isAlive()) return shell;
            }
            open = reports;
        }
        return Shell.spawn(open, shellEnvironment, this::onShellEnded);
    }

    /** Keeps a shell whose run ended for the next run, unless enough are idle. */
    private void release(Shell shell) {
        synchronized (this) {
            shell.current = null;
            if (!closed && idle.size() < MAX_IDLE) {
                idle.addFirst(shell); // the most recently used first: its pages are warm
                return;
            }
        }
        shell.close();
    }

    private void onReport(String line) {
        String[] words = line.split(" ");
        if (words.length < 3) {
            log.warn("launch shell reported something unexpected: {}", line);
            return;
        }
        Launch launch = launches.get(Long.parseLong(words[1]));
        if (launch == null) return;
        switch (words[0]) {
            case "started" -> {
                // The run's process read its start from /proc itself: no read of /proc here while
                // the agent starts, and the very instant the JDK gives for it, which liveness checks
                // compare with (the clock when this report arrives can be a second away from that).
                ProcessRef process =
                        new ProcessRef(Long.parseLong(words[2]), ProcStat.startOf(Long.parseLong(words[3])));
                launch.process = process;
                exits.put(process.pid(), launch.exit);
                launch.started.complete(process);
            }
            case "exited" -> {
                launches.remove(launch.id);
                if (launch.process != null) exits.remove(launch.process.pid(), launch.exit);
                release(launch.shell); // first: whoever waits for the exit may launch the next run at once
                launch.exit.complete(null);
            }
            case "failed" -> {
                launches.remove(launch.id);
                launch.started.completeExceptionally(
                        new LaunchException("the work folder does not exist or cannot be entered"));
                release(launch.shell);
            }
            default -> log.warn("launch shell reported something unexpected: {}", line);
        }
    }

    /** A shell that ended: its run, if any, is no longer watched by it. */
    private void onShellEnded(Shell shell) {
        synchronized (this) {
            idle.remove(shell);
        }
        Launch launch = shell.current;
        if (launch == null || !launches.containsKey(launch.id)) return;
        ProcessRef process = launch.process;
        if (process == null) {
            launches.remove(launch.id);
            launch.started.completeExceptionally(
                    new LaunchException("the launch shell ended before the run started" + complaints()));
            return;
        }
        // The run lives on without the shell that waited for it: watch its process instead.
        pollExit.apply(process).whenComplete((ended, failure) -> {
            launches.remove(launch.id);
            exits.remove(process.pid(), launch.exit);
            launch.exit.complete(null);
        });
    }

    /** What the shells wrote to their error output, for a message: empty when they said nothing. */
    private String complaints() {
        LaunchReports open;
        synchronized (this) {
            open = reports;
        }
        if (open == null) return "";
        String said = RunFiles.tail(open.shellLog(), 2000).strip();
        return said.isEmpty() ? "" : " (the shell said: " + said + ")";
    }

    /**
     * Closes the idle shells and stops reading reports. Shells with a run go on waiting for it, record
     * its exit code and then end: the runs outlive Baton as before.
     */
    @Override
    public void close() {
        List<Shell> toClose;
        LaunchReports open;
        synchronized (this) {
            if (closed) return;
            closed = true;
            toClose = List.copyOf(idle);
            idle.clear();
            open = reports;
            reports = null;
        }
        toClose.forEach(Shell::close);
        launches.values().forEach(launch -> launch.shell.close());
        if (open != null) open.close();
    }

    /** One run's launch, from the script sent to the report of its end. */
    private static final class Launch {
        final long id;
        final Shell shell;
        final CompletableFuture<ProcessRef> started = new CompletableFuture<>();
        final CompletableFuture<Void> exit = new CompletableFuture<>();
        /** Null until the run's process reports its start. */
        volatile ProcessRef process;

        Launch(long id, Shell shell) {
            this.id = id;
            this.shell = shell;
        }
    }

    /** One long-lived shell and the pipe that feeds it commands. */
    private static final class Shell {
        final Process process;
        private final OutputStream commands;
        volatile Launch current;

        private Shell(Process process) {
            this.process = process;
            this.commands = process.getOutputStream();
        }

        static Shell spawn(LaunchReports reports, Map<String, String> environment, Consumer<Shell> onEnded) {
            try {
                ProcessBuilder builder = new ProcessBuilder("setsid", "bash", "-s");
                builder.environment().clear();
                builder.environment().putAll(environment);
                Process process = builder.directory(Path.of("/").toFile())
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                        .redirectError(ProcessBuilder.Redirect.appendTo(
                                reports.shellLog().toFile()))
                        .start();
                Shell shell = new Shell(process);
                shell.send(LaunchScript.prelude(reports.pipe().toString()));
                process.onExit().thenRun(() -> onEnded.accept(shell));
                return shell;
            } catch (IOException e) {
                throw new LaunchException("could not start a launch shell (setsid bash): " + e.getMessage(), e);
            }
        }

        synchronized void send(String script) throws IOException {
            commands.write(script.getBytes(StandardCharsets.UTF_8));
            commands.flush();
        }

        /** Ends the shell's input: it finishes what it runs, then exits. */
        synchronized void close() {
            try {
                commands.close();
            } catch (IOException ignored) {
                // already gone
            }
        }
    }
}
