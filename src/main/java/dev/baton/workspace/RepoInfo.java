package dev.baton.workspace;

import java.nio.file.Path;
import java.util.List;

/**
 * What Baton found about a repository.
 *
 * @param root the top-level folder
 * @param currentBranch the checked-out branch, or null when HEAD is detached
 * @param hasCommits false for a repository with no commit yet
 * @param uncommitted paths with uncommitted changes in the main checkout (up to a few dozen)
 */
public record RepoInfo(Path root, String currentBranch, boolean hasCommits, List<String> uncommitted) {
    public RepoInfo {
        uncommitted = List.copyOf(uncommitted);
    }

    public boolean isDirty() {
        return !uncommitted.isEmpty();
    }
}
