package dev.baton.workspace;

import dev.baton.core.RunResult;
import dev.baton.core.TaskId;
import dev.baton.core.WorkspaceException;
import dev.baton.session.ExecResult;
import dev.baton.session.ProcessLauncher;
import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Task worktrees made with the git CLI, each under {@code <worktreeRoot>/<repo>-<hash>/<task-id>}
 * on branch {@code baton/<task-id>-<slug>}. The user's main checkout is only ever read: no
 * checkout, reset or stash happens there. Git calls that change a repository are serialised per
 * repository. Thread-safe.
 */
public final class GitWorkspaces implements Workspaces {
    static final int UNCOMMITTED_LIMIT = 50;
    static final String FALLBACK_NAME = "Baton";
    static final String FALLBACK_EMAIL = "baton@localhost";
    private static final Duration GIT_TIMEOUT = Duration.ofMinutes(10);
    private static final Pattern COMMIT_ID = Pattern.compile("[0-9a-f]{7,64}");

    private final Git git;
    private final WorktreeFolders folders;

    /** @param worktreeRoot the folder all task worktrees go in, {@code $BATON_HOME/worktrees} */
    public GitWorkspaces(ProcessLauncher launcher, Path worktreeRoot) {
        this(launcher, worktreeRoot, Map.of());
    }

    /** With extra environment for every git call (tests use it to shut out the machine's git config). */
    GitWorkspaces(ProcessLauncher launcher, Path worktreeRoot, Map<String, String> gitEnv) {
        this.git = new Git(Objects.requireNonNull(launcher, "launcher"), gitEnv, GIT_TIMEOUT);
        this.folders = new WorktreeFolders(Objects.requireNonNull(worktreeRoot, "worktreeRoot"));
    }

    @Override
    public java.util.Optional<String> gitVersion() {
        try {
            ExecResult version = git.probe(Path.of("/"), "--version");
            return version.ok() ? java.util.Optional.of(version.stdout().strip()) : java.util.Optional.empty();
        } catch (WorkspaceException notRunnable) {
            return java.util.Optional.empty();
        }
    }

    @Override
    public void createRepository(Path dir, String message, String authorName, String authorEmail) {
        Git author = git.withEnvironment(Map.of(
                "GIT_AUTHOR_NAME", authorName,
                "GIT_AUTHOR_EMAIL", authorEmail,
                "GIT_COMMITTER_NAME", authorName,
                "GIT_COMMITTER_EMAIL", authorEmail));
        author.run(dir, "init", "-q", "-b", "main");
        author.run(dir, "add", "-A");
        author.run(dir, "commit", "-q", "-m", message);
    }

    @Override
    public RepoInfo inspect(Path path) {
        Path dir = path.toAbsolutePath().normalize();
        if (!Files.isDirectory(dir)) {
            throw new WorkspaceException(
                    path + " is not a folder; pass --repo with the path of a git repository", false);
        }
        ExecResult top = git.probe(dir, "rev-parse", "--show-toplevel");
        if (!top.ok()) {
            if (top.stderr().contains("not a git repository") || top.stderr().contains("must be run in a work tree")) {
                throw new WorkspaceException(
                        path + " is not a git repository; run 'git init' there, or pass --repo with the path of one",
                        false);
            }
            throw Git.failure(dir, List.of("rev-parse", "--show-toplevel"), top);
        }
        Path root = realPath(Path.of(top.stdout().strip()));
        if (!git.probe(root, "rev-parse", "--verify", "-q", "HEAD^{commit}").ok()) {
            throw new WorkspaceException(
                    root + " has no commit yet; make a first commit there (git add -A && git commit -m 'First"
                            + " commit'), then try again",
                    false);
        }
        ExecResult head = git.probe(root, "symbolic-ref", "-q", "--short", "HEAD");
        String currentBranch = head.ok() ? head.stdout().strip() : null;
        // --no-optional-locks: reading status must not take index.lock from under the user's own git.
        String status = git.run(root, "--no-optional-locks", "status", "--porcelain", "-z");
        return new RepoInfo(root, currentBranch, true, uncommittedPaths(status));
    }

    /** Paths from {@code status --porcelain -z}: "XY path", and renames and copies add the old path as the next field. */
    private static List<String> uncommittedPaths(String porcelainZ) {
        List<String> paths = new ArrayList<>();
        String[] fields = porcelainZ.split("\0");
        for (int i = 0; i < fields.length && paths.size() < UNCOMMITTED_LIMIT; i++) {
            String field = fields[i];
            if (field.length() < 4) {
                continue;
            }
            paths.add(field.substring(3));
            if (field.charAt(0) == 'R' || field.charAt(0) == 'C') {
                i++;
            }
        }
        return paths;
    }

    @Override
    public String branchName(TaskId task, String title) {
        return BranchNames.forTask(task, title);
    }

    @Override
    public Worktree prepare(Path repo, String baseBranch, TaskId task, String title) {
        RepoInfo info = inspect(repo);
        Path root = info.root();
        String base = baseBranch != null ? baseBranch : info.currentBranch();
        if (base == null) {
            throw new WorkspaceException(
                    "HEAD is detached in " + root + ", so there is no current branch to start from; name the base"
                            + " branch, or check out a branch there",
                    false);
        }
        BranchNames.requireValid(base, "base branch");
        String branch = branchName(task, title);
        Path folder = folders.forTask(root, task);
        return RepoLocks.with(commonDir(root), () -> prepareLocked(root, base, branch, folder));
    }

    private Worktree prepareLocked(Path root, String base, String branch, Path folder) {
        String baseCommit = commitOf(root, "refs/heads/" + base)
                .orElseThrow(() -> new WorkspaceException(
                        "base branch '" + base + "' does not exist in " + root + "; name an existing local branch"
                                + " (git branch --list shows them)",
                        false));
        Optional<RegisteredWorktree> registered = registeredAt(root, folder);
        if (Files.exists(folder)) {
            if (registered.isPresent()) {
                String checkedOut = registered.get().branchRef();
                if (!("refs/heads/" + branch).equals(checkedOut)) {
                    throw new WorkspaceException(
                            folder + " already holds a worktree of " + root + " on "
                                    + (checkedOut == null ? "a detached HEAD" : checkedOut) + ", not on " + branch
                                    + "; remove it (git worktree remove " + folder + ") and try again",
                            false);
                }
                return new Worktree(root, folder, branch, base, mergeBase(root, base, branch));
            }
            if (!isEmptyFolder(folder)) {
                throw new WorkspaceException(
                        folder + " exists but is not a worktree of " + root + "; move it away and try again", false);
            }
        } else if (registered.isPresent()) {
            // The folder was deleted by hand; git still lists it and would refuse to add it again.
            git.run(root, "worktree", "prune");
        }
        if (commitOf(root, "refs/heads/" + branch).isPresent()) {
            git.run(root, "worktree", "add", folder.toString(), branch);
            return new Worktree(root, folder, branch, base, mergeBase(root, base, branch));
        }
        git.run(root, "worktree", "add", "-b", branch, folder.toString(), baseCommit);
        return new Worktree(root, folder, branch, base, baseCommit);
    }

    @Override
    public String commitLeftovers(Worktree worktree, String message) {
        Path folder = requireExistingWorktree(worktree);
        return RepoLocks.with(commonDir(worktree.repo()), () -> {
            ExecResult head = git.probe(folder, "symbolic-ref", "-q", "HEAD");
            String expected = "refs/heads/" + worktree.branch();
            if (!head.ok() || !head.stdout().strip().equals(expected)) {
                throw new WorkspaceException(
                        "the worktree " + folder + " is no longer on " + worktree.branch() + " (HEAD is "
                                + (head.ok() ? head.stdout().strip() : "detached")
                                + "); check out the task branch there, then try again",
                        false);
            }
            git.run(folder, "add", "-A");
            ExecResult staged = git.probe(folder, "diff", "--cached", "--quiet");
            if (staged.ok()) {
                return null;
            }
            if (staged.exitCode() != 1) {
                throw Git.failure(folder, List.of("diff", "--cached", "--quiet"), staged);
            }
            List<String> args = new ArrayList<>();
            // An identity only for this commit, so Baton never writes to the user's git config.
            if (!configured(folder, "user.name")) {
                args.addAll(List.of("-c", "user.name=" + FALLBACK_NAME));
            }
            if (!configured(folder, "user.email")) {
                args.addAll(List.of("-c", "user.email=" + FALLBACK_EMAIL));
            }
            String text =
                    message == null || message.isBlank() ? "Changes left uncommitted on " + worktree.branch() : message;
            // --no-verify: a failing pre-commit hook must not cost the agent's work; it is checked later.
            args.addAll(List.of("commit", "--no-verify", "-q", "-m", text));
            git.run(folder, args.toArray(String[]::new));
            return git.run(folder, "rev-parse", "HEAD").strip();
        });
    }

    private boolean configured(Path dir, String key) {
        ExecResult value = git.probe(dir, "config", "--get", key);
        return value.ok() && !value.stdout().isBlank();
    }

    @Override
    public RunResult summarize(Worktree worktree, String summary) {
        String baseCommit = requireCommitId(worktree);
        String branchRef = "refs/heads/" + worktree.branch();
        List<String> commits = git.run(worktree.repo(), "rev-list", baseCommit + ".." + branchRef)
                .lines()
                .toList();
        DiffStats stats = DiffStats.ofNumstat(git.run(worktree.repo(), "diff", "--numstat", baseCommit, branchRef));
        return new RunResult(commits, stats.files(), stats.insertions(), stats.deletions(), summary);
    }

    @Override
    public void remove(Worktree worktree, boolean force) {
        folders.requireManaged(worktree.path());
        Path repo = worktree.repo();
        RepoLocks.with(commonDir(repo), () -> {
            List<String> unmerged = unmergedCommits(worktree);
            if (!unmerged.isEmpty() && !force) {
                throw new WorkspaceException(
                        "branch " + worktree.branch() + " holds " + unmerged.size() + " commit(s) not merged into "
                                + worktree.baseBranch() + "; merge it first, or remove the worktree with --force"
                                + " (the branch is kept either way)",
                        false);
            }
            Path folder = worktree.path().toAbsolutePath().normalize();
            if (Files.exists(folder)) {
                if (!force
                        && !git.run(folder, "--no-optional-locks", "status", "--porcelain")
                                .isBlank()) {
                    throw new WorkspaceException(
                            "the worktree " + folder + " has uncommitted changes; commit them first, or remove"
                                    + " the worktree with --force to discard them (the branch is kept)",
                            false);
                }
                if (force) {
                    git.run(repo, "worktree", "remove", "--force", folder.toString());
                } else {
                    git.run(repo, "worktree", "remove", folder.toString());
                }
            }
            git.run(repo, "worktree", "prune");
            deleteIfEmpty(folder.getParent());
            return null;
        });
    }

    /** Commits on the task branch that its base branch (or, if that is gone, the base commit) lacks. */
    private List<String> unmergedCommits(Worktree worktree) {
        Path repo = worktree.repo();
        String branchRef = "refs/heads/" + worktree.branch();
        if (commitOf(repo, branchRef).isEmpty()) {
            return List.of();
        }
        String baseRef = worktree.baseBranch() != null
                        && commitOf(repo, "refs/heads/" + worktree.baseBranch()).isPresent()
                ? "refs/heads/" + worktree.baseBranch()
                : requireCommitId(worktree);
        return git.run(repo, "rev-list", baseRef + ".." + branchRef).lines().toList();
    }

    private Path requireExistingWorktree(Worktree worktree) {
        folders.requireManaged(worktree.path());
        Path folder = worktree.path().toAbsolutePath().normalize();
        if (!Files.isDirectory(folder)) {
            throw new WorkspaceException(
                    "the worktree " + folder + " is gone; prepare the task's workspace again", false);
        }
        return folder;
    }

    private static String requireCommitId(Worktree worktree) {
        String commit = worktree.baseCommit();
        if (commit == null || !COMMIT_ID.matcher(commit).matches()) {
            throw new WorkspaceException(
                    "the worktree " + worktree.path() + " has no valid base commit ('" + commit + "')", false);
        }
        return commit;
    }

    private Optional<String> commitOf(Path repo, String ref) {
        ExecResult result = git.probe(repo, "rev-parse", "--verify", "-q", ref + "^{commit}");
        return result.ok() ? Optional.of(result.stdout().strip()) : Optional.empty();
    }

    private String mergeBase(Path root, String base, String branch) {
        return git.run(root, "merge-base", "refs/heads/" + base, "refs/heads/" + branch)
                .strip();
    }

    private Optional<RegisteredWorktree> registeredAt(Path root, Path folder) {
        return RegisteredWorktree.parse(git.run(root, "worktree", "list", "--porcelain", "-z")).stream()
                .filter(entry -> entry.path().equals(folder))
                .findFirst();
    }

    /** The repository's real common git folder: the same for the main checkout and all its worktrees. */
    private Path commonDir(Path repo) {
        return realPath(Path.of(git.run(repo, "rev-parse", "--path-format=absolute", "--git-common-dir")
                .strip()));
    }

    private static Path realPath(Path path) {
        try {
            return path.toRealPath();
        } catch (IOException e) {
            throw new WorkspaceException("could not resolve " + path + ": " + e.getMessage(), false, e);
        }
    }

    private static boolean isEmptyFolder(Path folder) {
        if (!Files.isDirectory(folder)) {
            return false;
        }
        try (Stream<Path> children = Files.list(folder)) {
            return children.findAny().isEmpty();
        } catch (IOException e) {
            throw new WorkspaceException("could not read " + folder + ": " + e.getMessage(), false, e);
        }
    }

    private static void deleteIfEmpty(Path folder) {
        try {
            Files.deleteIfExists(folder);
        } catch (DirectoryNotEmptyException e) {
            // Other tasks of the same repository still have worktrees there.
        } catch (IOException e) {
            // Tidying up is a courtesy; the worktree itself is already gone.
        }
    }
}
