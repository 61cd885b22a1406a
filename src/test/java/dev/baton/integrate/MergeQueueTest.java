package dev.baton.integrate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.core.Decision;
import dev.baton.core.DecisionKind;
import dev.baton.core.Task;
import dev.baton.core.TaskId;
import dev.baton.core.TaskStatus;
import dev.baton.store.TaskQuery;
import dev.baton.testing.GitRepos;
import dev.baton.testing.TestBaton;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MergeQueueTest {
    @TempDir
    Path dir;

    private static Path repoWithConfig(Path dir, String config) throws Exception {
        Path repo = GitRepos.create(dir);
        Files.createDirectories(repo.resolve(".baton"));
        Files.writeString(repo.resolve(".baton/config.yaml"), config); // untracked: the checkout stays clean
        return repo;
    }

    private static List<String> outcomes(List<MergeQueue.Step> steps) {
        return steps.stream().map(MergeQueue.Step::outcome).toList();
    }

    private static void assertCheckoutIntact(Path repo) {
        assertThat(GitRepos.git(repo, "status", "--porcelain", "--untracked-files=no"))
                .isEmpty();
        assertThat(GitRepos.git(repo, "symbolic-ref", "HEAD")).isEqualTo("refs/heads/main");
        assertThat(repo.resolve(".git/MERGE_HEAD")).doesNotExist();
        assertThat(GitRepos.git(repo, "worktree", "list")).doesNotContain(".merges");
    }

    @Test
    void twoParallelBranchesThatConflictEndInADecisionNotABrokenBaseBranch() throws Exception {
        Path repo = repoWithConfig(dir.resolve("repo"), "autonomy: full\n");
        String before = GitRepos.git(repo, "rev-parse", "main");
        try (TestBaton f = new TestBaton(dir.resolve("home"), 2, 2)) {
            f.start();
            TaskId first = f.add(TestBaton.shell("sleep 0.3; printf 'from A\\n' > README.md")
                    .title("A")
                    .repo(repo.toString())
                    .build());
            TaskId second = f.add(TestBaton.shell("sleep 0.3; printf 'from B\\n' > README.md")
                    .title("B")
                    .repo(repo.toString())
                    .build());
            f.awaitIdle();
            assertThat(f.task(first).status()).isEqualTo(TaskStatus.COMPLETED);
            assertThat(f.task(second).status()).isEqualTo(TaskStatus.COMPLETED);
            // Both ran at once, from the same base commit.
            assertThat(f.runs(first).getFirst().startedAt())
                    .isBefore(f.runs(second).getFirst().finishedAt());

            List<MergeQueue.Step> steps = f.baton.merge(repo);

            TaskId merged = TaskId.of(steps.getFirst().task());
            TaskId conflicted = TaskId.of(steps.getLast().task());
            assertThat(outcomes(steps)).containsExactly("merged", "conflict");
            String winner = merged.equals(first) ? "from A" : "from B";
            assertThat(GitRepos.git(repo, "show", "main:README.md")).isEqualTo(winner);
            assertThat(Files.readString(repo.resolve("README.md"))).isEqualTo(winner + "\n"); // checkout followed
            assertThat(GitRepos.git(repo, "rev-list", "--parents", "-n", "1", "main")
                            .split(" "))
                    .hasSize(3) // a real merge commit (--no-ff) on top of the old base
                    .contains(before);
            assertCheckoutIntact(repo);

            List<Decision> pending = f.baton.decisions().pending();
            assertThat(pending).hasSize(1);
            Decision conflict = pending.getFirst();
            assertThat(conflict.kind()).isEqualTo(DecisionKind.CONFLICT);
            assertThat(conflict.taskId()).isEqualTo(conflicted);
            assertThat(conflict.details()).containsEntry("files", List.of("README.md"));
            assertThat(conflict.question()).contains("conflicts in [README.md]").contains("left as it was");

            String mainAfter = GitRepos.git(repo, "rev-parse", "main");
            assertThat(outcomes(f.baton.merge(repo))).containsExactly("already merged", "conflict pending");
            assertThat(GitRepos.git(repo, "rev-parse", "main")).isEqualTo(mainAfter);

            // Approving the conflict asks the agent to resolve it, on the same branch.
            f.baton.decisions().approve(conflict.id(), "cli:alice", "please rebase");
            List<Task> followUps = f.baton.tasks().list(new TaskQuery(Set.of(), 100)).stream()
                    .filter(t -> conflicted.equals(t.spec().followUpOf()))
                    .toList();
            assertThat(followUps).hasSize(1);
            assertThat(followUps.getFirst().spec().prompt())
                    .contains("resolve the conflicts")
                    .contains("please rebase");
        }
    }

    @Test
    void belowFullAutonomyMergesWaitForApprovalAndARedVerifyOnTheMergedResultIsRefused() throws Exception {
        Path repo = repoWithConfig(
                dir.resolve("repo"), "autonomy: confirm\nverify:\n  - \"! (test -f a.txt && test -f b.txt)\"\n");
        String before = GitRepos.git(repo, "rev-parse", "main");
        try (TestBaton f = new TestBaton(dir.resolve("home"), 2, 2)) {
            f.start();
            TaskId a = f.add(TestBaton.shell("echo a > a.txt")
                    .title("A")
                    .repo(repo.toString())
                    .build());
            f.awaitIdle();
            TaskId b = f.add(TestBaton.shell("echo b > b.txt")
                    .title("B")
                    .repo(repo.toString())
                    .build());
            f.awaitIdle();
            assertThat(List.of(f.task(a).status(), f.task(b).status()))
                    .containsOnly(TaskStatus.COMPLETED); // each passes verify on its own

            assertThat(outcomes(f.baton.merge(repo))).containsExactly("waiting for approval", "waiting for approval");
            assertThat(GitRepos.git(repo, "rev-parse", "main")).isEqualTo(before);
            List<Decision> asked = f.baton.decisions().pending();
            assertThat(asked).extracting(Decision::kind).containsOnly(DecisionKind.MERGE);
            asked.forEach(d -> f.baton.decisions().approve(d.id(), "cli:alice", null));

            List<MergeQueue.Step> steps = f.baton.merge(repo);

            assertThat(outcomes(steps)).containsExactly("merged", "conflict");
            assertThat(steps.getLast().detail()).contains("fails verify");
            assertThat(repo.resolve("a.txt")).exists();
            assertThat(repo.resolve("b.txt")).doesNotExist();
            assertThat(GitRepos.git(repo, "ls-tree", "--name-only", "main")).doesNotContain("b.txt");
            assertCheckoutIntact(repo);
            Decision red = f.baton.decisions().pending().getFirst();
            assertThat(red.kind()).isEqualTo(DecisionKind.CONFLICT);
            assertThat(red.taskId()).isEqualTo(b);
            assertThat(red.details()).containsKey("command");
        }
    }
}
