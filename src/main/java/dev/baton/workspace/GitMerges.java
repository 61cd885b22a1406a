package dev.baton.workspace;

import dev.baton.core.WorkspaceException;
import dev.baton.session.ExecResult;
import dev.baton.session.ProcessLauncher;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Merges task branches into their base branch without ever touching the user's checkout until the
 * result is known good: the merge ({@code --no-ff}) happens in a scratch worktree on a detached
 * HEAD, the caller verifies it there, and only then is the base branch moved — by a compare-and-swap
 * of the ref, or, when the base branch is checked out in a clean checkout, by a fast-forward there so
 * its files follow. A conflict is aborted and leaves everything as it was. Thread-safe; git calls on
 * one repository are serialised with {@link GitWorkspaces}'.
 */
public final class GitMerges {
    private static final Duration GIT_TIMEOUT = Duration.ofMinutes(10);
    private static final String FALLBACK_NAME = "Baton";
    private static final String FALLBACK_EMAIL = "baton@localhost";

    private final Git git;
    private final Path scratchRoot;

    /** @param worktreeRoot Baton's worktree folder; scratch merges go to its {@code .merges} folder */
    public GitMerges(ProcessLauncher launcher, Path worktreeRoot) {
        this.git = new Git(Objects.requireNonNull(launcher, "launcher"), Map.of(), GIT_TIMEOUT);
        this.scratchRoot = worktreeRoot.resolve(".merges");
    }

    /** True when {@code branch} is already contained in {@code base}. */
    public boolean isMerged(Path repo, String base, String branch) {
        ExecResult result =
                git.probe(repo, "merge-base", "--is-ancestor", "refs/heads/" + branch, "refs/heads/" + base);
        if (result.exitCode() > 1) throw Git.failure(repo, List.of("merge-base", "--is-ancestor"), result);
        return result.ok();
    }

    /** Merges {@code branch} into the tip of {@code base} in a scratch worktree; publishes nothing. */
    public MergeCandidate merge(Path repo, String base, String branch, String message) {
        BranchNames.requireValid(base, "base branch");
        BranchNames.requireValid(branch, "branch");
        return RepoLocks.with(commonDir(repo), () -> {
            String baseTip = commitOf(repo, "refs/heads/" + base)
                    .orElseThrow(() -> new WorkspaceException("base branch '" + base + "' does not exist", false));
            commitOf(repo, "refs/heads/" + branch)
                    .orElseThrow(() -> new WorkspaceException("branch '" + branch + "' does not exist", false));
            if (isMerged(repo, base, branch)) {
                return new MergeCandidate(
                        MergeCandidate.Outcome.ALREADY_MERGED,
                        repo,
                        base,
                        branch,
                        null,
                        baseTip,
                        null,
                        List.of(),
                        null);
            }
            Path folder = scratchFolder(branch);
            git.run(repo, "worktree", "add", "--detach", folder.toString(), baseTip);
            List<String> args = new ArrayList<>(identity(folder));
            args.addAll(List.of("merge", "--no-ff", "--no-edit", "-m", message, "refs/heads/" + branch));
            ExecResult merged = git.probe(folder, args.toArray(String[]::new));
            if (!merged.ok()) {
                List<String> conflicts = git.probe(folder, "diff", "--name-only", "--diff-filter=U")
                        .stdout()
                        .lines()
                        .filter(l -> !l.isBlank())
                        .toList();
                git.probe(folder, "merge", "--abort");
                removeScratch(repo, folder);
                String said = (merged.stdout() + "\n" + merged.stderr()).strip();
                return new MergeCandidate(
                        MergeCandidate.Outcome.CONFLICT, repo, base, branch, null, baseTip, null, conflicts, said);
            }
            String commit = git.run(folder, "rev-parse", "HEAD").strip();
            return new MergeCandidate(
                    MergeCandidate.Outcome.MERGED, repo, base, branch, folder, baseTip, commit, List.of(), null);
        });
    }

    /**
     * Moves the base branch to the verified merge commit and removes the scratch worktree. Refuses,
     * changing nothing, when the base branch moved meanwhile or is checked out with uncommitted
     * changes to tracked files.
     */
    public void publish(MergeCandidate candidate) {
        if (candidate.outcome() != MergeCandidate.Outcome.MERGED) {
            throw new IllegalArgumentException("only a clean merge can be published");
        }
        Path repo = candidate.repo();
        RepoLocks.with(commonDir(repo), () -> {
            try {
                String ref = "refs/heads/" + candidate.baseBranch();
                String now = commitOf(repo, ref).orElse("");
                if (!now.equals(candidate.baseBefore())) {
                    throw new WorkspaceException(
                            candidate.baseBranch() + " moved while the merge was verified; merge again", true);
                }
                Optional<Path> checkout = checkedOutAt(repo, ref);
                if (checkout.isPresent()) {
                    Path folder = checkout.get();
                    String dirty = git.run(folder, "status", "--porcelain", "--untracked-files=no");
                    if (!dirty.isBlank()) {
                        throw new WorkspaceException(
                                candidate.baseBranch() + " is checked out in " + folder
                                        + " with uncommitted changes; commit or stash them, then merge again",
                                false);
                    }
                    git.run(folder, "merge", "--ff-only", "-q", candidate.mergeCommit());
                } else {
                    git.run(repo, "update-ref", ref, candidate.mergeCommit(), candidate.baseBefore());
                }
                return null;
            } finally {
                removeScratch(repo, candidate.folder());
            }
        });
    }

    /** Throws a merge away: removes its scratch worktree; the base branch was never touched. */
    public void discard(MergeCandidate candidate) {
        if (candidate.folder() == null) return;
        RepoLocks.with(commonDir(candidate.repo()), () -> {
            removeScratch(candidate.repo(), candidate.folder());
            return null;
        });
    }

    private void removeScratch(Path repo, Path folder) {
        if (folder == null) return;
        git.probe(repo, "worktree", "remove", "--force", folder.toString());
        git.probe(repo, "worktree", "prune");
    }

    private Path scratchFolder(String branch) {
        try {
            Files.createDirectories(scratchRoot);
            return Files.createTempDirectory(scratchRoot, branch.replaceAll("[^A-Za-z0-9._-]", "-") + "-")
                    .toAbsolutePath();
        } catch (IOException e) {
            throw new WorkspaceException(
                    "cannot create a scratch folder in " + scratchRoot + ": " + e.getMessage(), true, e);
        }
    }

    private List<String> identity(Path dir) {
        List<String> args = new ArrayList<>();
        if (!configured(dir, "user.name")) args.addAll(List.of("-c", "user.name=" + FALLBACK_NAME));
        if (!configured(dir, "user.email")) args.addAll(List.of("-c", "user.email=" + FALLBACK_EMAIL));
        return args;
    }

    private boolean configured(Path dir, String key) {
        ExecResult value = git.probe(dir, "config", "--get", key);
        return value.ok() && !value.stdout().isBlank();
    }

    private Optional<Path> checkedOutAt(Path repo, String ref) {
        return RegisteredWorktree.parse(git.run(repo, "worktree", "list", "--porcelain", "-z")).stream()
                .filter(entry -> ref.equals(entry.branchRef()))
                .map(RegisteredWorktree::path)
                .findFirst();
    }

    private Optional<String> commitOf(Path repo, String ref) {
        ExecResult result = git.probe(repo, "rev-parse", "--verify", "-q", ref + "^{commit}");
        return result.ok() ? Optional.of(result.stdout().strip()) : Optional.empty();
    }

    private Path commonDir(Path repo) {
        Path dir = Path.of(git.run(repo, "rev-parse", "--path-format=absolute", "--git-common-dir")
                .strip());
        try {
            return dir.toRealPath();
        } catch (IOException e) {
            throw new WorkspaceException("could not resolve " + dir + ": " + e.getMessage(), false, e);
        }
    }
}
