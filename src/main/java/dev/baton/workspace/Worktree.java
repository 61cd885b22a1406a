package dev.baton.workspace;

import java.nio.file.Path;

/**
 * A task's git worktree.
 *
 * @param repo the repository's top-level folder
 * @param path the worktree folder
 * @param branch the task branch, {@code baton/<task-id>-<slug>}
 * @param baseBranch the branch it started from
 * @param baseCommit the commit it started from
 */
public record Worktree(Path repo, Path path, String branch, String baseBranch, String baseCommit) {}
