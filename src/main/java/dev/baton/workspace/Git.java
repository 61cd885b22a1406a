package dev.baton.workspace;

import dev.baton.core.LaunchException;
import dev.baton.core.WorkspaceException;
import dev.baton.session.ExecResult;
import dev.baton.session.ProcessLauncher;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs {@code git -C <dir> ...} through the {@link ProcessLauncher}, so every git call Baton makes
 * can be observed, timed and killed. Immutable and thread-safe.
 */
final class Git {
    private static final int STDERR_LINES_SHOWN = 6;

    private final ProcessLauncher launcher;
    private final Map<String, String> env;
    private final Duration timeout;

    Git(ProcessLauncher launcher, Map<String, String> extraEnv, Duration timeout) {
        this.launcher = launcher;
        Map<String, String> base = new HashMap<>();
        // Baton runs unattended: a credential or editor prompt would only wait for the timeout.
        base.put("GIT_TERMINAL_PROMPT", "0");
        base.put("GIT_EDITOR", "true");
        // Untranslated messages, so the few Baton recognises read the same on every machine.
        base.put("LC_ALL", "C");
        base.putAll(extraEnv);
        this.env = Map.copyOf(base);
        this.timeout = timeout;
    }

    /** The same git with more environment for every call. */
    Git withEnvironment(Map<String, String> more) {
        Map<String, String> merged = new HashMap<>(env);
        merged.putAll(more);
        return new Git(launcher, merged, timeout);
    }

    /** Runs git in {@code dir} and returns its standard output; throws with git's message when it fails. */
    String run(Path dir, String... args) {
        ExecResult result = probe(dir, args);
        if (!result.ok()) {
            throw failure(dir, List.of(args), result);
        }
        return result.stdout();
    }

    /** Runs git in {@code dir} and returns the outcome, whatever the exit code; the caller judges it. */
    ExecResult probe(Path dir, String... args) {
        List<String> command = new ArrayList<>(args.length + 3);
        command.add("git");
        command.add("-C");
        command.add(dir.toString());
        command.addAll(List.of(args));
        try {
            // The launcher needs a folder that exists; git itself reports a missing -C folder.
            return launcher.exec(command, Path.of("/"), env, timeout);
        } catch (LaunchException e) {
            throw new WorkspaceException(
                    "could not run git: " + e.getMessage() + "; check that git is installed and on the PATH", true, e);
        }
    }

    /** The exception for a failed git call: git's own words, transient when retrying may help. */
    static WorkspaceException failure(Path dir, List<String> args, ExecResult result) {
        String said = firstLines(result.stderr().isBlank() ? result.stdout() : result.stderr());
        boolean timedOut = result.exitCode() == 124;
        // Another git process holding a lock file ("index.lock': File exists") goes away by itself.
        boolean lockBusy = said.contains(".lock': File exists") || said.contains(".lock': file exists");
        return new WorkspaceException(
                "git " + String.join(" ", args) + " failed in " + dir + " (exit " + result.exitCode() + "): " + said,
                timedOut || lockBusy);
    }

    private static String firstLines(String text) {
        List<String> lines = text.strip().lines().limit(STDERR_LINES_SHOWN).toList();
        return lines.isEmpty() ? "(no output)" : String.join(" / ", lines);
    }
}
