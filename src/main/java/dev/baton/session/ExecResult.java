package dev.baton.session;

/** The outcome of a short command run to completion (git and the like). */
public record ExecResult(int exitCode, String stdout, String stderr) {
    public boolean ok() {
        return exitCode == 0;
    }
}
