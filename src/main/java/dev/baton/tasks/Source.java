package dev.baton.tasks;

import java.nio.file.Path;

/**
 * Who asks for a task, and through which door: the entry point's name becomes the task's {@code
 * source}; the working folder, which only a command line has, is where relative repository paths
 * point and which repository is meant when none is named.
 *
 * @param name the task's source: {@code cli}, {@code api}, {@code dashboard}, {@code workflow:RUN},
 *     {@code plan:ID}, {@code schedule ID}
 * @param principal who is behind it ({@code api:token 3}, {@code dashboard:local}), or null when it
 *     is the person at this machine or Baton itself
 * @param workingFolder the caller's working folder, or null when the caller has none here
 */
public record Source(String name, String principal, Path workingFolder) {
    public Source {
        java.util.Objects.requireNonNull(name, "name");
    }

    /** The command line, run in {@code workingFolder}. */
    public static Source cli(Path workingFolder) {
        return new Source("cli", null, workingFolder.toAbsolutePath().normalize());
    }

    /** The REST API, for the principal the request authenticated as. */
    public static Source api(String principal) {
        return new Source("api", principal, null);
    }

    /** The dashboard's form. */
    public static Source dashboard(String principal) {
        return new Source("dashboard", principal, null);
    }

    /** A workflow run's tasks. */
    public static Source workflow(String runId) {
        return new Source("workflow:" + runId, null, null);
    }

    /** A plan's tasks. */
    public static Source plan(String planId) {
        return new Source("plan:" + planId, null, null);
    }

    /** {@code baton demo}'s sample tasks. */
    public static Source demo() {
        return new Source("demo", null, null);
    }

    /** A schedule's firing. */
    public static Source schedule(String scheduleId) {
        return new Source("schedule " + scheduleId, null, null);
    }
}
