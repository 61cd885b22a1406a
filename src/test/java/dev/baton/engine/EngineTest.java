package dev.baton.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.core.FailureReason;
import dev.baton.core.Run;
import dev.baton.core.RunStatus;
import dev.baton.core.Task;
import dev.baton.core.TaskId;
import dev.baton.core.TaskStatus;
import dev.baton.testing.Eventually;
import dev.baton.testing.GitRepos;
import dev.baton.testing.TestBaton;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EngineTest {
    @TempDir
    Path dir;

    @Test
    void aTaskRunsInItsOwnWorktreeAndItsLeftoversAreCommittedOnItsBranch() throws Exception {
        Path repo = GitRepos.create(dir.resolve("repo"));
        try (TestBaton f = new TestBaton(dir.resolve("home"), 4, 4)) {
            f.start();
            TaskId id = f.add(TestBaton.shell("echo hello > hello.txt && echo done")
                    .title("Say hello")
                    .repo(repo.toString())
                    .build());
            f.awaitIdle();

            Task task = f.task(id);
            assertThat(task.status()).isEqualTo(TaskStatus.COMPLETED);
            assertThat(task.branch()).isEqualTo("baton/" + id + "-say-hello");
            Run run = f.runs(id).getFirst();
            assertThat(run.status()).isEqualTo(RunStatus.SUCCEEDED);
            assertThat(run.exitCode()).isZero();
            assertThat(run.result().commits()).hasSize(1);
            assertThat(run.result().filesChanged()).isEqualTo(1);
            assertThat(run.result().summary()).isEqualTo("done");
            assertThat(GitRepos.git(repo, "show", task.branch() + ":hello.txt")).isEqualTo("hello");
            assertThat(repo.resolve("hello.txt")).doesNotExist();
            assertThat(GitRepos.git(repo, "status", "--porcelain")).isEmpty();
        }
    }

    @Test
    void aTaskWithoutRepositoryRunsInAScratchFolder() throws Exception {
        try (TestBaton f = new TestBaton(dir.resolve("home"), 4, 4)) {
            f.start();
            TaskId id = f.add("pwd");
            f.awaitIdle();
            assertThat(f.task(id).status()).isEqualTo(TaskStatus.COMPLETED);
            assertThat(f.runs(id).getFirst().result().summary())
                    .isEqualTo(dir.resolve("home/scratch").resolve(id.value()).toString());
        }
    }

    @Test
    void higherPriorityRunsFirstAndDependentsWaitForTheirDependencies() throws Exception {
        Path order = dir.resolve("order.txt");
        try (TestBaton f = new TestBaton(dir.resolve("home"), 1, 1)) {
            TaskId low =
                    f.add(TestBaton.shell("echo low >> " + order).priority(9).build());
            TaskId high =
                    f.add(TestBaton.shell("echo high >> " + order).priority(1).build());
            TaskId after = f.add(TestBaton.shell("echo after >> " + order)
                    .priority(1)
                    .dependsOn(List.of(low))
                    .build());
            f.start();
            f.awaitIdle();
            assertThat(Files.readAllLines(order)).containsExactly("high", "low", "after");
            assertThat(List.of(f.task(low), f.task(high), f.task(after)))
                    .allMatch(t -> t.status() == TaskStatus.COMPLETED);
        }
    }

    @Test
    void aFailedDependencyFailsItsDependents() throws Exception {
        try (TestBaton f = new TestBaton(dir.resolve("home"), 2, 2)) {
            TaskId broken = f.add("echo broken >&2; exit 3");
            TaskId dependent = f.add(
                    TestBaton.shell("echo never").dependsOn(List.of(broken)).build());
            TaskId second = f.add(
                    TestBaton.shell("echo never").dependsOn(List.of(dependent)).build());
            f.start();
            f.awaitIdle();
            Task failed = f.task(broken);
            assertThat(failed.status()).isEqualTo(TaskStatus.FAILED);
            assertThat(failed.failureReason()).isEqualTo(FailureReason.EXIT_CODE);
            assertThat(failed.failureDetail()).isEqualTo("exited with code 3: broken");
            assertThat(f.task(dependent).failureReason()).isEqualTo(FailureReason.DEPENDENCY_FAILED);
            assertThat(f.task(second).failureReason()).isEqualTo(FailureReason.DEPENDENCY_FAILED);
            assertThat(f.runs(dependent)).isEmpty();
        }
    }

    @Test
    void anAgentNeverRunsMoreThanItsConcurrencyAllows() throws Exception {
        Path log = dir.resolve("overlap.log");
        try (TestBaton f = new TestBaton(dir.resolve("home"), 10, 2)) {
            for (int i = 0; i < 6; i++) {
                f.add("echo start >> " + log + "; sleep 0.3; echo end >> " + log);
            }
            f.start();
            f.awaitIdle();
            int running = 0;
            int most = 0;
            for (String line : Files.readAllLines(log)) {
                running += line.equals("start") ? 1 : -1;
                most = Math.max(most, running);
            }
            assertThat(most).isEqualTo(2);
        }
    }

    @Test
    void aTimeoutKillsTheWholeProcessTree() throws Exception {
        try (TestBaton f = new TestBaton(dir.resolve("home"), 2, 2)) {
            f.start();
            TaskId id = f.add(TestBaton.shell("sleep 300 & echo $! > child.pid; sleep 300")
                    .timeout(Duration.ofSeconds(1))
                    .build());
            f.awaitIdle();
            Task task = f.task(id);
            assertThat(task.status()).isEqualTo(TaskStatus.FAILED);
            assertThat(task.failureReason()).isEqualTo(FailureReason.TIMED_OUT);
            long child = Long.parseLong(Files.readString(
                            dir.resolve("home/scratch").resolve(id.value()).resolve("child.pid"))
                    .strip());
            Eventually.await("the background child to die", Duration.ofSeconds(5), () -> ProcessHandle.of(child)
                    .map(h -> !h.isAlive())
                    .orElse(true));
        }
    }

    @Test
    void cancelKillsTheRunningAgentAndRecordsBothTaskAndRunCancelled() throws Exception {
        try (TestBaton f = new TestBaton(dir.resolve("home"), 2, 2)) {
            f.start();
            TaskId id = f.add("sleep 300");
            Eventually.await(
                    "the run to start", Duration.ofSeconds(20), () -> f.task(id).status() == TaskStatus.RUNNING);
            long pid = f.runs(id).getFirst().pid();

            f.baton.tasks().cancel(id);
            f.awaitIdle();

            assertThat(f.task(id).status()).isEqualTo(TaskStatus.CANCELLED);
            Run run = f.runs(id).getFirst();
            assertThat(run.status()).isEqualTo(RunStatus.CANCELLED);
            assertThat(run.failureReason()).isEqualTo(FailureReason.CANCELLED);
            assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive)).isNotEqualTo(java.util.Optional.of(true));
        }
    }

    @Test
    void retriesRunAgainAfterBackoffUntilTheCommandSucceeds() throws Exception {
        Path counter = dir.resolve("attempts");
        try (TestBaton f = new TestBaton(dir.resolve("home"), 2, 2)) {
            f.start();
            TaskId id = f.add(TestBaton.shell("echo x >> " + counter + "; [ $(wc -l < " + counter + ") -ge 3 ]")
                    .maxRetries(2)
                    .build());
            f.awaitIdle();
            assertThat(f.task(id).status()).isEqualTo(TaskStatus.COMPLETED);
            assertThat(f.task(id).attempts()).isEqualTo(3);
            assertThat(f.runs(id))
                    .extracting(Run::status)
                    .containsExactly(RunStatus.FAILED, RunStatus.FAILED, RunStatus.SUCCEEDED);
        }
    }

    @Test
    void anAgentKilledFromOutsideBatonIsLostAndRetried() throws Exception {
        Path marker = dir.resolve("killed-once");
        try (TestBaton f = new TestBaton(dir.resolve("home"), 2, 2)) {
            f.start();
            // the first attempt dies as the out-of-memory killer would end it
            TaskId id = f.add("[ -e " + marker + " ] && exit 0; touch " + marker + "; kill -KILL $$");
            f.awaitIdle();
            assertThat(f.task(id).status()).isEqualTo(TaskStatus.COMPLETED);
            assertThat(f.runs(id)).extracting(Run::status).containsExactly(RunStatus.FAILED, RunStatus.SUCCEEDED);
            assertThat(f.runs(id).getFirst().failureReason()).isEqualTo(FailureReason.LOST);
            assertThat(f.runs(id).getFirst().failureDetail()).contains("SIGKILL", "137");
        }
    }

    @Test
    void aFailingCommandIsNotRetriedUnlessTheTaskAsks() throws Exception {
        try (TestBaton f = new TestBaton(dir.resolve("home"), 2, 2)) {
            f.start();
            TaskId id = f.add("exit 1");
            f.awaitIdle();
            assertThat(f.task(id).status()).isEqualTo(TaskStatus.FAILED);
            assertThat(f.runs(id)).hasSize(1);
        }
    }

    @Test
    void aRetriedTaskContinuesInTheSameWorktree() throws Exception {
        Path repo = GitRepos.create(dir.resolve("repo"));
        try (TestBaton f = new TestBaton(dir.resolve("home"), 2, 2)) {
            f.start();
            TaskId id = f.add(TestBaton.shell("echo try >> tries.txt; [ $(wc -l < tries.txt) -ge 2 ]")
                    .repo(repo.toString())
                    .build());
            f.awaitIdle();
            assertThat(f.task(id).status()).isEqualTo(TaskStatus.FAILED);

            f.baton.tasks().retry(id);
            f.engine.wake();
            f.awaitIdle();

            Task task = f.task(id);
            assertThat(task.status()).isEqualTo(TaskStatus.COMPLETED);
            assertThat(GitRepos.git(repo, "show", task.branch() + ":tries.txt")).isEqualTo("try\ntry");
            assertThat(f.runs(id).getLast().result().commits()).hasSize(2);
        }
    }

    @Test
    void hugeOutputStaysInFilesAndMemoryStaysBounded() throws Exception {
        long bytes = 1L << 30;
        try (TestBaton f = new TestBaton(dir.resolve("home"), 2, 2)) {
            f.start();
            TaskId id = f.add("head -c " + bytes + " /dev/zero | tr '\\0' 'x'; echo; echo end");
            long most = 0;
            while (!f.task(id).status().isTerminal()) {
                Runtime rt = Runtime.getRuntime();
                most = Math.max(most, rt.totalMemory() - rt.freeMemory());
                Thread.sleep(50);
            }
            f.awaitIdle();
            Run run = f.runs(id).getFirst();
            assertThat(f.task(id).status()).isEqualTo(TaskStatus.COMPLETED);
            assertThat(Files.size(Path.of(run.runDir(), "stdout.log"))).isEqualTo(bytes + 5);
            assertThat(run.result().summary()).endsWith("end").hasSizeLessThan(4096);
            assertThat(most).as("heap in use while 1 GiB of output went by").isLessThan(256L << 20);
        }
    }

    @Test
    void aFollowUpWorksOnTheSameBranchAfterItsParentFinished() throws Exception {
        Path repo = GitRepos.create(dir.resolve("repo"));
        try (TestBaton f = new TestBaton(dir.resolve("home"), 2, 2)) {
            f.start();
            TaskId first = f.add(TestBaton.shell("echo one > notes.txt")
                    .title("Start notes")
                    .repo(repo.toString())
                    .build());
            f.awaitIdle();
            TaskId next = f.baton
                    .tasks()
                    .followUp(first, "echo two >> notes.txt")
                    .task()
                    .id();
            f.engine.wake();
            f.awaitIdle();

            Task parent = f.task(first);
            Task followUp = f.task(next);
            assertThat(followUp.status()).isEqualTo(TaskStatus.COMPLETED);
            assertThat(followUp.branch()).isEqualTo(parent.branch());
            assertThat(followUp.agent()).isEqualTo("command");
            assertThat(GitRepos.git(repo, "show", parent.branch() + ":notes.txt"))
                    .isEqualTo("one\ntwo");
            assertThat(GitRepos.git(repo, "rev-list", "--count", "main.." + parent.branch()))
                    .isEqualTo("2");
        }
    }

    @Test
    void aFollowUpWaitsForNothingButRefusesAnUnfinishedParent() throws Exception {
        try (TestBaton f = new TestBaton(dir.resolve("home"), 2, 2)) {
            TaskId queued = f.add("true");
            org.assertj.core.api.Assertions.assertThatThrownBy(
                            () -> f.baton.tasks().followUp(queued, "more"))
                    .hasMessageContaining("is still queued");
        }
    }
}
