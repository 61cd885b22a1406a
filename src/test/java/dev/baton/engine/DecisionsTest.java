package dev.baton.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.core.Decision;
import dev.baton.core.DecisionKind;
import dev.baton.core.DecisionStatus;
import dev.baton.core.Event;
import dev.baton.core.EventTypes;
import dev.baton.core.FailureReason;
import dev.baton.core.InvalidInputException;
import dev.baton.core.TaskId;
import dev.baton.core.TaskStatus;
import dev.baton.testing.Eventually;
import dev.baton.testing.GitRepos;
import dev.baton.testing.TestBaton;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DecisionsTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    private static Decision onlyPending(TestBaton f) {
        List<Decision> pending = f.baton.decisions().pending();
        assertThat(pending).hasSize(1);
        return pending.getFirst();
    }

    private static void awaitStatus(TestBaton f, TaskId id, TaskStatus status) {
        Eventually.await(
                "task " + id + " " + status.wireName(), WAIT, () -> f.task(id).status() == status);
    }

    private static List<String> eventTypes(TestBaton f, TaskId id) {
        return f.baton.tasks().events(id, 0, 1000).stream().map(Event::type).toList();
    }

    @Test
    void aTaskThatRequiresApprovalWaitsAcrossARestartAndRunsOnceApproved() throws Exception {
        Path marker = dir.resolve("ran.txt");
        TaskId id;
        try (TestBaton f = new TestBaton(dir.resolve("home"), 2, 2)) {
            f.start();
            id = f.add(TestBaton.shell("echo ran > " + marker)
                    .title("Deploy the thing")
                    .requiresApproval(true)
                    .build());
            awaitStatus(f, id, TaskStatus.WAITING_APPROVAL);
            Decision decision = onlyPending(f);
            assertThat(decision.kind()).isEqualTo(DecisionKind.APPROVE_START);
            assertThat(decision.taskId()).isEqualTo(id);
            assertThat(decision.question()).contains("Deploy the thing").contains("asks for approval");
            f.awaitIdle();
            assertThat(marker).doesNotExist();
        }
        try (TestBaton f = new TestBaton(dir.resolve("home"), 2, 2)) {
            f.start();
            Decision decision = onlyPending(f); // survived the restart, in the database
            assertThat(f.task(id).status()).isEqualTo(TaskStatus.WAITING_APPROVAL);

            Decision approved = f.baton.decisions().approve(decision.id(), "cli:alice", "looks fine");

            assertThat(approved.status()).isEqualTo(DecisionStatus.APPROVED);
            assertThat(approved.answeredBy()).isEqualTo("cli:alice");
            assertThat(approved.reason()).isEqualTo("looks fine");
            awaitStatus(f, id, TaskStatus.COMPLETED);
            assertThat(Files.readString(marker)).isEqualTo("ran\n");
            assertThat(f.baton.decisions().pending()).isEmpty();
            assertThat(eventTypes(f, id))
                    .containsSubsequence(
                            EventTypes.TASK_CREATED,
                            EventTypes.DECISION_NEEDED,
                            EventTypes.DECISION_ANSWERED,
                            EventTypes.RUN_STARTED,
                            EventTypes.TASK_COMPLETED);
            assertThatThrownBy(() -> f.baton.decisions().reject(decision.id(), "cli:bob", "too late"))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("already approved (by cli:alice)");
        }
    }

    @Test
    void aRejectedTaskIsCancelledWithTheReasonAndNeverRuns() throws Exception {
        Path marker = dir.resolve("ran.txt");
        try (TestBaton f = new TestBaton(dir.resolve("home"), 2, 2)) {
            f.start();
            TaskId id = f.add(TestBaton.shell("echo ran > " + marker)
                    .requiresApproval(true)
                    .build());
            awaitStatus(f, id, TaskStatus.WAITING_APPROVAL);
            Decision decision = onlyPending(f);

            assertThatThrownBy(() -> f.baton.decisions().reject(decision.id(), "cli:alice", " "))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("--why");
            f.baton.decisions().reject(decision.id(), "cli:alice", "not during the freeze");

            assertThat(f.task(id).status()).isEqualTo(TaskStatus.CANCELLED);
            assertThat(f.task(id).failureReason()).isEqualTo(FailureReason.REJECTED);
            assertThat(f.task(id).failureDetail()).isEqualTo("rejected by cli:alice: not during the freeze");
            f.awaitIdle();
            assertThat(marker).doesNotExist();
            assertThat(f.runs(id)).isEmpty();
        }
    }

    @Test
    void theProjectsAutonomyLevelDecidesWhetherPlainTasksWait() throws Exception {
        Path manual = GitRepos.create(dir.resolve("manual"));
        Files.createDirectories(manual.resolve(".baton"));
        Files.writeString(manual.resolve(".baton/config.yaml"), "autonomy: manual\n");
        Path full = GitRepos.create(dir.resolve("full"));
        Files.createDirectories(full.resolve(".baton"));
        Files.writeString(full.resolve(".baton/config.yaml"), "autonomy: full\n");
        try (TestBaton f = new TestBaton(dir.resolve("home"), 2, 2)) {
            f.start();
            TaskId waits = f.add(
                    TestBaton.shell("echo a > a.txt").repo(manual.toString()).build());
            TaskId runs = f.add(
                    TestBaton.shell("echo b > b.txt").repo(full.toString()).build());
            awaitStatus(f, runs, TaskStatus.COMPLETED);
            awaitStatus(f, waits, TaskStatus.WAITING_APPROVAL);
            assertThat(onlyPending(f).question()).contains("autonomy is manual");
        }
    }

    @Test
    void riskyCommandsWaitForApprovalAndRefusedOnesNeverRun() throws Exception {
        try (TestBaton f = new TestBaton(dir.resolve("home"), 2, 2)) {
            f.start();
            TaskId risky = f.add("sudo true || echo no sudo here");
            TaskId refused = f.add("rm -rf / --no-preserve-root");
            awaitStatus(f, risky, TaskStatus.WAITING_APPROVAL);
            awaitStatus(f, refused, TaskStatus.FAILED);

            Decision decision = onlyPending(f);
            assertThat(decision.kind()).isEqualTo(DecisionKind.RISKY_COMMAND);
            assertThat(decision.details())
                    .containsEntry("rule", "sudo")
                    .containsEntry("command", "sudo true || echo no sudo here");
            assertThat(f.task(refused).failureReason()).isEqualTo(FailureReason.POLICY_REFUSED);
            assertThat(f.task(refused).failureDetail()).contains("rm -rf /");
            assertThat(f.runs(refused)).isEmpty();

            f.baton.decisions().approve(decision.id(), "cli:alice", null);
            awaitStatus(f, risky, TaskStatus.COMPLETED);
        }
    }

    @Test
    void anUnansweredDecisionExpiresAsARejection() throws Exception {
        Path repo = GitRepos.create(dir.resolve("repo"));
        Files.createDirectories(repo.resolve(".baton"));
        Files.writeString(repo.resolve(".baton/config.yaml"), "autonomy: manual\ndecision_timeout: 1s\n");
        try (TestBaton f = new TestBaton(dir.resolve("home"), 2, 2)) {
            f.start();
            TaskId id = f.add(TestBaton.shell("echo hi").repo(repo.toString()).build());
            awaitStatus(f, id, TaskStatus.CANCELLED);
            assertThat(f.task(id).failureReason()).isEqualTo(FailureReason.REJECTED);
            assertThat(f.task(id).failureDetail()).contains("expired");
            Decision expired = f.baton.decisions().list(Set.of(), 10).getFirst();
            assertThat(expired.status()).isEqualTo(DecisionStatus.EXPIRED);
            assertThat(expired.answeredBy()).isEqualTo("baton");
        }
    }

    @Test
    void aBadProjectConfigFailsTheTaskSayingWhatToFix() throws Exception {
        Path repo = GitRepos.create(dir.resolve("repo"));
        Files.createDirectories(repo.resolve(".baton"));
        Files.writeString(repo.resolve(".baton/config.yaml"), "autonomy: sometimes\n");
        try (TestBaton f = new TestBaton(dir.resolve("home"), 2, 2)) {
            f.start();
            TaskId id = f.add(TestBaton.shell("echo hi").repo(repo.toString()).build());
            awaitStatus(f, id, TaskStatus.FAILED);
            assertThat(f.task(id).failureDetail())
                    .contains(".baton/config.yaml")
                    .contains("unknown autonomy level 'sometimes'");
        }
    }

    @Test
    void cancellingAWaitingTaskClosesItsQuestion() throws Exception {
        try (TestBaton f = new TestBaton(dir.resolve("home"), 2, 2)) {
            f.start();
            TaskId id = f.add(TestBaton.shell("echo hi").requiresApproval(true).build());
            awaitStatus(f, id, TaskStatus.WAITING_APPROVAL);
            Decision asked = onlyPending(f);

            f.baton.tasks().cancel(id);

            assertThat(f.baton.decisions().pending()).isEmpty();
            Decision closed = f.baton.decisions().get(asked.id());
            assertThat(closed.status()).isEqualTo(DecisionStatus.EXPIRED);
            assertThat(closed.reason()).isEqualTo("the task was cancelled");
        }
    }
}
