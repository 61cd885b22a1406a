package dev.baton.workspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.core.BatonException;
import dev.baton.core.InvalidInputException;
import dev.baton.core.RunResult;
import dev.baton.core.TaskId;
import dev.baton.core.WorkspaceException;
import dev.baton.session.ExecResult;
import dev.baton.session.LocalProcessLauncher;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GitWorkspacesTest {
    private final LocalProcessLauncher launcher = new LocalProcessLauncher();

    @TempDir
    Path temp;

    private Map<String, String> gitEnv;
    private Path repo;
    private Path worktreeRoot;
    private GitWorkspaces workspaces;

    @BeforeEach
    void setUp() throws IOException {
        // Shut out the machine's global and system git config (it has an identity here), so the
        // tests see only what they configure themselves.
        Path emptyConfig = Files.writeString(temp.resolve("empty.gitconfig"), "");
        gitEnv = Map.of("GIT_CONFIG_GLOBAL", emptyConfig.toString(), "GIT_CONFIG_NOSYSTEM", "1");
        repo = Files.createDirectories(temp.resolve("project"));
        worktreeRoot = temp.resolve("home/worktrees");
        workspaces = new GitWorkspaces(launcher, worktreeRoot, gitEnv);
        git(repo, "init", "-q", "-b", "main");
        Files.writeString(repo.resolve("README.md"), "# Project\n");
        Files.createDirectories(repo.resolve("src"));
        Files.writeString(repo.resolve("src/app.txt"), "one\ntwo\nthree\n");
        commitAll(repo, "First commit");
    }

    // --- inspect ---

    @Test
    void inspectRejectsAPlainFolder() throws IOException {
        Path plain = Files.createDirectories(temp.resolve("plain"));

        assertThatThrownBy(() -> workspaces.inspect(plain))
                .isInstanceOf(WorkspaceException.class)
                .hasMessage(plain + " is not a git repository; run 'git init' there, or pass --repo with the path of"
                        + " one")
                .satisfies(e -> assertThat(((BatonException) e).isTransient()).isFalse());
    }

    @Test
    void inspectRejectsARepositoryWithoutCommits() throws IOException {
        Path fresh = Files.createDirectories(temp.resolve("fresh"));
        git(fresh, "init", "-q", "-b", "main");

        assertThatThrownBy(() -> workspaces.inspect(fresh))
                .isInstanceOf(WorkspaceException.class)
                .hasMessageContaining("no commit yet")
                .hasMessageContaining("make a first commit")
                .satisfies(e -> assertThat(((BatonException) e).isTransient()).isFalse());
    }

    @Test
    void inspectFindsTheTopLevelTheBranchAndUncommittedPaths() throws IOException {
        RepoInfo clean = workspaces.inspect(repo.resolve("src"));
        assertThat(clean.root()).isEqualTo(repo.toRealPath());
        assertThat(clean.currentBranch()).isEqualTo("main");
        assertThat(clean.hasCommits()).isTrue();
        assertThat(clean.isDirty()).isFalse();

        Files.writeString(repo.resolve("README.md"), "# Changed\n");
        Files.writeString(repo.resolve("new file.txt"), "untracked\n");
        Files.writeString(repo.resolve("src/staged.txt"), "staged\n");
        git(repo, "add", "src/staged.txt");

        RepoInfo dirty = workspaces.inspect(repo);
        assertThat(dirty.isDirty()).isTrue();
        assertThat(dirty.uncommitted()).containsExactlyInAnyOrder("README.md", "new file.txt", "src/staged.txt");
    }

    @Test
    void inspectCapsTheUncommittedList() throws IOException {
        for (int i = 0; i < 80; i++) {
            Files.writeString(repo.resolve("untracked-" + i + ".txt"), "x\n");
        }

        assertThat(workspaces.inspect(repo).uncommitted()).hasSize(GitWorkspaces.UNCOMMITTED_LIMIT);
    }

    @Test
    void inspectReportsNoBranchWhenHeadIsDetached() {
        git(repo, "checkout", "-q", "--detach");

        assertThat(workspaces.inspect(repo).currentBranch()).isNull();
        assertThatThrownBy(() -> workspaces.prepare(repo, null, TaskId.of("t-1"), "x"))
                .isInstanceOf(WorkspaceException.class)
                .hasMessageContaining("detached");
    }

    // --- prepare ---

    @Test
    void prepareCreatesAWorktreeOnTheTaskBranchFromTheBase() throws Exception {
        String mainCommit = head(repo);

        Worktree worktree = workspaces.prepare(repo, null, TaskId.of("t-1a2b3c"), "Fix the flaky parser test");

        assertThat(worktree.repo()).isEqualTo(repo.toRealPath());
        assertThat(worktree.branch()).isEqualTo("baton/t-1a2b3c-fix-the-flaky-parser-test");
        assertThat(worktree.baseBranch()).isEqualTo("main");
        assertThat(worktree.baseCommit()).isEqualTo(mainCommit);
        assertThat(worktree.path())
                .startsWith(worktreeRoot.toRealPath())
                .endsWith(Path.of(WorktreeFolders.repoFolderName(repo.toRealPath()), "t-1a2b3c"));
        String pathHash = HexFormat.of()
                .formatHex(MessageDigest.getInstance("SHA-256")
                        .digest(repo.toRealPath().toString().getBytes(StandardCharsets.UTF_8)))
                .substring(0, 8);
        assertThat(worktree.path()).isEqualTo(worktreeRoot.toRealPath().resolve("project-" + pathHash + "/t-1a2b3c"));
        assertThat(worktree.path().resolve("src/app.txt")).hasContent("one\ntwo\nthree");
        assertThat(git(worktree.path(), "symbolic-ref", "--short", "HEAD").strip())
                .isEqualTo(worktree.branch());
        assertThat(head(worktree.path())).isEqualTo(mainCommit);
        assertThat(git(repo, "symbolic-ref", "--short", "HEAD").strip()).isEqualTo("main");
    }

    @Test
    void prepareTwiceReturnsTheSameWorktreeAndKeepsWhatWasDoneInIt() throws IOException {
        TaskId task = TaskId.of("t-000001");
        Worktree first = workspaces.prepare(repo, "main", task, "Add a feature");
        Files.writeString(first.path().resolve("feature.txt"), "committed\n");
        commitAll(first.path(), "Add feature");
        Files.writeString(first.path().resolve("notes.txt"), "not committed yet\n");

        Worktree second = workspaces.prepare(repo, "main", task, "Add a feature");

        assertThat(second).isEqualTo(first);
        assertThat(second.path().resolve("feature.txt")).hasContent("committed");
        assertThat(second.path().resolve("notes.txt")).hasContent("not committed yet");
    }

    @Test
    void prepareAfterTheWorktreeFolderWasDeletedContinuesOnTheBranch() throws IOException {
        TaskId task = TaskId.of("t-000002");
        Worktree first = workspaces.prepare(repo, null, task, "Retry me");
        Files.writeString(first.path().resolve("progress.txt"), "half done\n");
        commitAll(first.path(), "Half way");
        String branchTip = head(first.path());
        deleteRecursively(first.path());

        Worktree again = workspaces.prepare(repo, null, task, "Retry me");

        assertThat(again.path()).isEqualTo(first.path());
        assertThat(again.branch()).isEqualTo(first.branch());
        assertThat(again.baseCommit()).isEqualTo(first.baseCommit());
        assertThat(head(again.path())).isEqualTo(branchTip);
        assertThat(again.path().resolve("progress.txt")).hasContent("half done");
    }

    @Test
    void prepareStartsFromANamedBaseBranch() throws IOException {
        git(repo, "checkout", "-q", "-b", "develop");
        Files.writeString(repo.resolve("develop-only.txt"), "from develop\n");
        commitAll(repo, "Develop work");
        String developCommit = head(repo);
        git(repo, "checkout", "-q", "main");

        Worktree worktree = workspaces.prepare(repo, "develop", TaskId.of("t-000003"), "On develop");

        assertThat(worktree.baseBranch()).isEqualTo("develop");
        assertThat(worktree.baseCommit()).isEqualTo(developCommit);
        assertThat(worktree.path().resolve("develop-only.txt")).hasContent("from develop");
        assertThat(repo.resolve("develop-only.txt")).doesNotExist();
    }

    @Test
    void prepareNamesAnUnknownBaseBranch() {
        assertThatThrownBy(() -> workspaces.prepare(repo, "no-such-branch", TaskId.of("t-000004"), "x"))
                .isInstanceOf(WorkspaceException.class)
                .hasMessageContaining("'no-such-branch'")
                .satisfies(e -> assertThat(((BatonException) e).isTransient()).isFalse());
        assertThatThrownBy(() -> workspaces.prepare(repo, "--orphan", TaskId.of("t-000004"), "x"))
                .isInstanceOf(InvalidInputException.class);
    }

    @Test
    void prepareRefusesAWorktreeFolderThatLeadsOutsideTheRoot() throws IOException {
        Path outside = Files.createDirectories(temp.resolve("elsewhere"));
        Path repoFolder = worktreeRoot.resolve(WorktreeFolders.repoFolderName(repo.toRealPath()));
        Files.createDirectories(worktreeRoot);
        Files.createSymbolicLink(repoFolder, outside);

        assertThatThrownBy(() -> workspaces.prepare(repo, null, TaskId.of("t-000005"), "Escape"))
                .isInstanceOf(WorkspaceException.class)
                .hasMessageContaining("outside the worktree root");
        assertThat(outside).isEmptyDirectory();
    }

    @Test
    void operationsRefuseAWorktreeOutsideTheRoot() {
        Worktree foreign = new Worktree(repo, repo, "main", "main", head(repo));

        assertThatThrownBy(() -> workspaces.remove(foreign, true))
                .isInstanceOf(WorkspaceException.class)
                .hasMessageContaining("outside the worktree root");
        assertThatThrownBy(() -> workspaces.commitLeftovers(foreign, "x"))
                .isInstanceOf(WorkspaceException.class)
                .hasMessageContaining("outside the worktree root");
        assertThat(repo.resolve("README.md")).exists();
    }

    @Test
    void concurrentPreparesOnOneRepositoryAllSucceed() throws Exception {
        List<Callable<Worktree>> jobs = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            TaskId task = TaskId.of("t-par" + i);
            String title = "Parallel task " + i;
            jobs.add(() -> workspaces.prepare(repo, "main", task, title));
        }
        List<Worktree> worktrees = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            for (Future<Worktree> done : pool.invokeAll(jobs)) {
                worktrees.add(done.get());
            }
        }

        assertThat(worktrees).extracting(Worktree::path).doesNotHaveDuplicates();
        for (Worktree worktree : worktrees) {
            assertThat(worktree.path().resolve("README.md")).exists();
        }
        String list = git(repo, "worktree", "list", "--porcelain");
        assertThat(list.lines().filter(line -> line.startsWith("worktree "))).hasSize(9);
    }

    // --- branch names ---

    @Test
    void branchNamesSlugTheTitle() {
        TaskId task = TaskId.of("t-1a2b3c");

        assertThat(workspaces.branchName(task, "Fix the flaky parser test"))
                .isEqualTo("baton/t-1a2b3c-fix-the-flaky-parser-test");
        assertThat(workspaces.branchName(task, "Ünïcödé café — naïve ﬁx"))
                .isEqualTo("baton/t-1a2b3c-unicode-cafe-naive-fix");
        assertThat(workspaces.branchName(task, "feature/x..y\\z ~^:?*[ @{u}"))
                .isEqualTo("baton/t-1a2b3c-feature-x-y-z-u");
        assertThat(workspaces.branchName(task, "../../etc/passwd")).isEqualTo("baton/t-1a2b3c-etc-passwd");
        assertThat(workspaces.branchName(task, "  --Leading and trailing--  "))
                .isEqualTo("baton/t-1a2b3c-leading-and-trailing");
        assertThat(workspaces.branchName(task, "")).isEqualTo("baton/t-1a2b3c");
        assertThat(workspaces.branchName(task, null)).isEqualTo("baton/t-1a2b3c");
        assertThat(workspaces.branchName(task, "日本語のタイトル")).isEqualTo("baton/t-1a2b3c");
        assertThat(workspaces.branchName(task, "x.lock")).isEqualTo("baton/t-1a2b3c-x-lock");

        String longSlug = BranchNames.slug("a very long title that goes on and on about everything it wants done");
        assertThat(longSlug)
                .hasSizeLessThanOrEqualTo(BranchNames.MAX_SLUG_LENGTH)
                .doesNotEndWith("-");
        assertThat(longSlug).isEqualTo("a-very-long-title-that-goes-on-and-on-ab");
        assertThat(BranchNames.slug("x".repeat(39) + " y")).isEqualTo("x".repeat(39));
    }

    @Test
    void everyBranchNameIsOneGitAccepts() {
        List<String> titles = List.of(
                "Fix the flaky parser test",
                "Ünïcödé",
                "feature/x..y",
                "../../etc",
                ".hidden",
                "end.",
                "x.lock",
                "@{-1}",
                "",
                "a".repeat(200),
                "tab\there\nnewline");
        for (String id : List.of("t-1a2b3c", "TASK_7", "v1.2", "a_b-c.d")) {
            for (String title : titles) {
                String name = workspaces.branchName(TaskId.of(id), title);
                assertThat(gitAcceptsBranch(name)).as(name).isTrue();
            }
        }
    }

    @Test
    void branchNameRefusesATaskIdGitWouldNotAccept() {
        assertThatThrownBy(() -> workspaces.branchName(TaskId.of("a..b"), "title"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("'..'");
        assertThatThrownBy(() -> workspaces.branchName(TaskId.of("done."), ""))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> workspaces.branchName(TaskId.of("x.lock"), null))
                .isInstanceOf(InvalidInputException.class);
        assertThat(workspaces.branchName(TaskId.of("x.lock"), "with a title")).isEqualTo("baton/x.lock-with-a-title");
    }

    @Test
    void theJavaBranchRulesAgreeWithGit() {
        List<String> names = List.of(
                "main",
                "baton/t-1-fix",
                "feature/ünïcode",
                "a..b",
                "a/.hidden",
                "a.lock",
                "a/b.lock/c",
                "end.",
                "end/",
                "/start",
                "a//b",
                "-dash",
                "a b",
                "a~1",
                "a^",
                "a:b",
                "a?",
                "a*",
                "a[b",
                "a\\b",
                "a@{b",
                "a@b",
                "tab\tx",
                "del\u007fx",
                "x.y.z",
                "a/b/c");
        for (String name : names) {
            assertThat(BranchNames.problem(name).isEmpty()).as(name).isEqualTo(gitAcceptsBranch(name));
        }
    }

    // --- commitLeftovers ---

    @Test
    void commitLeftoversUsesBatonsIdentityWhenNoneIsConfigured() throws IOException {
        Worktree worktree = workspaces.prepare(repo, null, TaskId.of("t-c0001"), "Leftovers");
        Files.writeString(worktree.path().resolve("README.md"), "# Edited\n");
        Files.writeString(worktree.path().resolve("added.txt"), "new\n");
        Files.createDirectories(worktree.path().resolve("deep/dir"));
        Files.writeString(worktree.path().resolve("deep/dir/file.txt"), "nested\n");

        String commit = workspaces.commitLeftovers(worktree, "Leftover changes of t-c0001");

        assertThat(commit)
                .isEqualTo(git(repo, "rev-parse", "refs/heads/" + worktree.branch())
                        .strip());
        assertThat(git(repo, "log", "-1", "--format=%an <%ae>|%cn <%ce>|%s", commit)
                        .strip())
                .isEqualTo("Baton <baton@localhost>|Baton <baton@localhost>|Leftover changes of t-c0001");
        assertThat(git(repo, "show", "--name-only", "--format=", commit).lines())
                .containsExactlyInAnyOrder("README.md", "added.txt", "deep/dir/file.txt");
        assertThat(git(worktree.path(), "status", "--porcelain")).isEmpty();
        assertThat(launcher.exec(List.of("git", "config", "--get", "user.name"), repo, gitEnv, Duration.ofSeconds(30))
                        .ok())
                .as("no identity written to the repository's config")
                .isFalse();
    }

    @Test
    void commitLeftoversUsesTheConfiguredIdentity() throws IOException {
        git(repo, "config", "user.name", "Alice");
        git(repo, "config", "user.email", "alice@example.com");
        Worktree worktree = workspaces.prepare(repo, null, TaskId.of("t-c0002"), "Leftovers");
        Files.writeString(worktree.path().resolve("added.txt"), "new\n");

        String commit = workspaces.commitLeftovers(worktree, "Leftovers");

        assertThat(git(repo, "log", "-1", "--format=%an <%ae>", commit).strip()).isEqualTo("Alice <alice@example.com>");
    }

    @Test
    void commitLeftoversOnACleanWorktreeReturnsNull() {
        Worktree worktree = workspaces.prepare(repo, null, TaskId.of("t-c0003"), "Nothing");
        String before = head(worktree.path());

        assertThat(workspaces.commitLeftovers(worktree, "Nothing to see")).isNull();
        assertThat(head(worktree.path())).isEqualTo(before);
    }

    // --- summarize ---

    @Test
    void summarizeCountsCommitsFilesAndLines() throws IOException {
        Worktree worktree = workspaces.prepare(repo, null, TaskId.of("t-s0001"), "Summarize");
        Path wt = worktree.path();
        Files.writeString(wt.resolve("src/app.txt"), "one\nTWO\nthree\nfour\n"); // +2 -1
        commitAll(wt, "Edit app");
        String first = head(wt);
        Files.writeString(wt.resolve("new.txt"), "a\nb\nc\n"); // +3
        Files.write(wt.resolve("image.bin"), new byte[] {0, 1, 2, 3, 0, (byte) 255}); // binary
        Files.delete(wt.resolve("README.md")); // -1
        commitAll(wt, "More");
        String second = head(wt);
        Files.writeString(wt.resolve("uncommitted.txt"), "not counted\n");
        git(
                repo,
                "-c",
                "user.name=Tester",
                "-c",
                "user.email=tester@example.com",
                "commit",
                "-q",
                "--allow-empty",
                "-m",
                "Main moves on");

        RunResult result = workspaces.summarize(worktree, "Did the work");

        assertThat(result.commits()).containsExactly(second, first);
        assertThat(result.filesChanged()).isEqualTo(4);
        assertThat(result.insertions()).isEqualTo(5);
        assertThat(result.deletions()).isEqualTo(2);
        assertThat(result.summary()).isEqualTo("Did the work");
    }

    @Test
    void summarizeOfAnUntouchedWorktreeIsEmpty() {
        Worktree worktree = workspaces.prepare(repo, null, TaskId.of("t-s0002"), "Nothing");

        RunResult result = workspaces.summarize(worktree, null);

        assertThat(result.commits()).isEmpty();
        assertThat(result.filesChanged()).isZero();
        assertThat(result.insertions()).isZero();
        assertThat(result.deletions()).isZero();
    }

    // --- remove ---

    @Test
    void removeRefusesUnmergedWorkAndSucceedsWithForce() throws IOException {
        Worktree worktree = workspaces.prepare(repo, null, TaskId.of("t-r0001"), "Remove me");
        Files.writeString(worktree.path().resolve("work.txt"), "valuable\n");
        String commit = workspaces.commitLeftovers(worktree, "Work");

        assertThatThrownBy(() -> workspaces.remove(worktree, false))
                .isInstanceOf(WorkspaceException.class)
                .hasMessageContaining(worktree.branch())
                .hasMessageContaining("not merged into main")
                .hasMessageContaining("--force")
                .satisfies(e -> assertThat(((BatonException) e).isTransient()).isFalse());
        assertThat(worktree.path().resolve("work.txt")).exists();

        workspaces.remove(worktree, true);

        assertThat(worktree.path()).doesNotExist();
        assertThat(git(repo, "worktree", "list", "--porcelain"))
                .doesNotContain(worktree.path().toString());
        assertThat(git(repo, "rev-parse", "refs/heads/" + worktree.branch()).strip())
                .as("the branch is kept")
                .isEqualTo(commit);
    }

    @Test
    void removeOfMergedWorkNeedsNoForce() throws IOException {
        Worktree worktree = workspaces.prepare(repo, null, TaskId.of("t-r0002"), "Merged");
        Files.writeString(worktree.path().resolve("work.txt"), "merged\n");
        workspaces.commitLeftovers(worktree, "Work");
        git(repo, "merge", "-q", "--ff-only", worktree.branch());

        workspaces.remove(worktree, false);

        assertThat(worktree.path()).doesNotExist();
        assertThat(worktree.path().getParent())
                .as("an empty repository folder is tidied away")
                .doesNotExist();
    }

    @Test
    void removeRefusesUncommittedChangesWithoutForce() throws IOException {
        Worktree worktree = workspaces.prepare(repo, null, TaskId.of("t-r0003"), "Dirty");
        Files.writeString(worktree.path().resolve("scratch.txt"), "unsaved\n");

        assertThatThrownBy(() -> workspaces.remove(worktree, false))
                .isInstanceOf(WorkspaceException.class)
                .hasMessageContaining("uncommitted changes");
        assertThat(worktree.path().resolve("scratch.txt")).exists();
    }

    @Test
    void removeOfAnAlreadyDeletedFolderJustForgetsIt() throws IOException {
        Worktree worktree = workspaces.prepare(repo, null, TaskId.of("t-r0004"), "Gone");
        deleteRecursively(worktree.path());

        workspaces.remove(worktree, false);

        assertThat(git(repo, "worktree", "list", "--porcelain"))
                .doesNotContain(worktree.path().toString());
    }

    // --- the main checkout ---

    @Test
    void theDirtyMainCheckoutIsUntouchedByEveryOperation() throws IOException {
        Files.writeString(repo.resolve("README.md"), "# My own edit\n");
        Files.writeString(repo.resolve("mine.txt"), "my untracked file\n");
        Files.writeString(repo.resolve("src/staged.txt"), "staged by me\n");
        git(repo, "add", "src/staged.txt");
        String statusBefore = git(repo, "status", "--porcelain");
        String headBefore = head(repo);

        Worktree worktree = workspaces.prepare(repo, null, TaskId.of("t-m0001"), "Leave main alone");
        assertThat(worktree.path().resolve("README.md")).hasContent("# Project");
        assertThat(worktree.path().resolve("mine.txt")).doesNotExist();
        assertThat(worktree.path().resolve("src/staged.txt")).doesNotExist();
        Files.writeString(worktree.path().resolve("agent.txt"), "agent work\n");
        workspaces.commitLeftovers(worktree, "Agent work");
        workspaces.summarize(worktree, "done");
        workspaces.remove(worktree, true);

        assertThat(git(repo, "status", "--porcelain")).isEqualTo(statusBefore);
        assertThat(head(repo)).isEqualTo(headBefore);
        assertThat(repo.resolve("README.md")).hasContent("# My own edit");
        assertThat(repo.resolve("mine.txt")).hasContent("my untracked file");
        assertThat(repo.resolve("src/staged.txt")).hasContent("staged by me");
        assertThat(repo.resolve("agent.txt")).doesNotExist();
    }

    // --- helpers ---

    private String git(Path dir, String... args) {
        List<String> command = new ArrayList<>(List.of("git", "-C", dir.toString()));
        command.addAll(List.of(args));
        ExecResult result = launcher.exec(command, dir, gitEnv, Duration.ofSeconds(60));
        assertThat(result.ok())
                .as(String.join(" ", command) + ": " + result.stderr())
                .isTrue();
        return result.stdout();
    }

    private boolean gitAcceptsBranch(String name) {
        return launcher.exec(List.of("git", "check-ref-format", "--branch", name), temp, gitEnv, Duration.ofSeconds(30))
                .ok();
    }

    private void commitAll(Path dir, String message) {
        git(dir, "add", "-A");
        git(dir, "-c", "user.name=Tester", "-c", "user.email=tester@example.com", "commit", "-q", "-m", message);
    }

    private String head(Path dir) {
        return git(dir, "rev-parse", "HEAD").strip();
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
