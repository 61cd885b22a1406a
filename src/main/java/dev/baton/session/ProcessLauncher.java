package dev.baton.session;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The one seam through which Baton starts processes: agents (detached, outliving Baton) and short
 * helper commands such as git. Implementations are thread-safe.
 */
public interface ProcessLauncher extends AutoCloseable {

    /**
     * Starts the command in a new session and process group, detached from Baton: standard input
     * from /dev/null, output appended to {@code stdout.log} and {@code stderr.log} in the run
     * folder, and the exit code written to {@code exit_code} there when it ends.
     */
    ProcessRef launchDetached(LaunchSpec spec);

    /**
     * Creates a run folder ahead of {@link #launchDetached}, which then has less to do before the
     * agent starts. Optional: the launch creates whatever is missing.
     */
    default void prepareRunFolder(Path runDir) {
        try {
            java.nio.file.Files.createDirectories(runDir);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** True while the process the reference names is alive (same pid and start time). */
    boolean isAlive(ProcessRef ref);

    /**
     * Completes when the process the reference names has ended (at once if it is already gone).
     * Works for processes this Baton started and for ones a previous Baton started.
     */
    CompletableFuture<Void> onExit(ProcessRef ref);

    /** Kills the whole process group: a polite signal first, then a forced one after {@code grace}. */
    void killGroup(ProcessRef ref, Duration grace);

    /** Runs a short command to completion, capturing its output (bounded); kills it after the timeout. */
    ExecResult exec(List<String> command, Path cwd, Map<String, String> env, Duration timeout);

    /** Releases what the launcher keeps for later launches; processes already started go on. */
    @Override
    default void close() {}
}
