package dev.baton.core;

/** A git repository or worktree could not be prepared, inspected or committed. */
public final class WorkspaceException extends BatonException {
    public WorkspaceException(String message, boolean transientFailure) {
        super(message, transientFailure);
    }

    public WorkspaceException(String message, boolean transientFailure, Throwable cause) {
        super(message, transientFailure, cause);
    }
}
