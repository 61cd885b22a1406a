package dev.baton.workspace;

import java.nio.file.Path;
import java.util.List;

/**
 * The result of merging a branch into its base in a scratch worktree, before anything is published.
 *
 * @param outcome what happened
 * @param folder the scratch worktree holding the merge (to verify it), or null when there is none
 * @param baseBefore the base branch's commit the merge started from
 * @param mergeCommit the merge commit, or null
 * @param conflicts the files that conflicted
 * @param detail git's words when the merge failed
 */
public record MergeCandidate(
        Outcome outcome,
        Path repo,
        String baseBranch,
        String branch,
        Path folder,
        String baseBefore,
        String mergeCommit,
        List<String> conflicts,
        String detail) {

    public enum Outcome {
        /** Merged cleanly in the scratch worktree; not yet published to the base branch. */
        MERGED,
        /** The branch is already part of the base branch: nothing to do. */
        ALREADY_MERGED,
        /** The merge conflicted; nothing was changed. */
        CONFLICT
    }

    public MergeCandidate {
        conflicts = List.copyOf(conflicts);
    }
}
