package dev.baton.workspace;

import dev.baton.core.RunResult;
import dev.baton.core.TaskId;
import java.nio.file.Path;

/** Git worktrees for tasks. Implementations are thread-safe; git calls on one repository are serialised. */
public interface Workspaces {

    /**
     * Checks that {@code path} is inside a git repository and describes it.
     *
     * @throws dev.baton.core.WorkspaceException (permanent) when it is not a git repository, or has
     *     no commit yet, with a message that says what to do
     */
    RepoInfo inspect(Path path);

    /** The branch name a task gets: {@code baton/<task-id>-<slug of the title>}. */
    String branchName(TaskId task, String title);

    /**
     * Creates the task's worktree on its branch from {@code baseBranch} (null: the repository's
     * current branch), or returns the existing one when the task already has it (a retry continues
     * where the last attempt stopped).
     */
    Worktree prepare(Path repo, String baseBranch, TaskId task, String title);

    /** Commits whatever the agent left uncommitted in the worktree; returns the commit id, or null if clean. */
    String commitLeftovers(Worktree worktree, String message);

    /** The commits and diff stats of the task branch against its base. */
    RunResult summarize(Worktree worktree, String summary);

    /**
     * Removes the worktree (the branch stays). Refuses with a WorkspaceException when the branch
     * holds commits not merged into the base branch, unless {@code force}.
     */
    void remove(Worktree worktree, boolean force);

    /** The installed git's version line ({@code git version 2.39.5}), or empty when git cannot run. */
    java.util.Optional<String> gitVersion();

    /**
     * Makes {@code dir} a new repository on branch {@code main} holding every file already in it as
     * one commit by {@code author} (name and email), for samples such as the demo's.
     */
    void createRepository(Path dir, String message, String authorName, String authorEmail);
}
