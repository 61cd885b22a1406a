package dev.baton.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.core.Event;
import dev.baton.core.EventTypes;
import dev.baton.core.FailureReason;
import dev.baton.core.Run;
import dev.baton.core.RunStatus;
import dev.baton.core.TaskId;
import dev.baton.core.TaskStatus;
import dev.baton.testing.GitRepos;
import dev.baton.testing.TestBaton;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VerifyLoopTest {
    /** An "agent" that writes a broken fix first, and a real one once it is told what failed. */
    private static final String FIXES_ON_FEEDBACK = "if [ -n \"$BATON_FEEDBACK\" ]; then"
            + " printf '%s' \"$BATON_FEEDBACK\" > ../feedback-$BATON_TASK_ID.txt; echo 'answer = 42' > answer.txt;"
            + " else echo 'answer = 41' > answer.txt; fi";

    @TempDir
    Path dir;

    @Test
    void aRedVerifyGoesBackToTheAgentWhichFixesItOnTheSecondAttempt() throws Exception {
        Path repo = GitRepos.create(dir.resolve("repo"));
        try (TestBaton f = new TestBaton(dir.resolve("home"), 2, 2)) {
            f.start();
            TaskId id = f.add(TestBaton.shell(FIXES_ON_FEEDBACK)
                    .title("Fix the answer")
                    .repo(repo.toString())
                    .verify(List.of("cat answer.txt && grep -q 'answer = 42' answer.txt"))
                    .build());
            f.awaitIdle();

            assertThat(f.task(id).status()).isEqualTo(TaskStatus.COMPLETED);
            List<Run> runs = f.runs(id);
            assertThat(runs).extracting(Run::status).containsExactly(RunStatus.FAILED, RunStatus.SUCCEEDED);
            assertThat(runs.getFirst().failureReason()).isEqualTo(FailureReason.VERIFY_FAILED);
            assertThat(runs.getFirst().failureDetail())
                    .contains("'cat answer.txt && grep -q 'answer = 42' answer.txt' exited with 1")
                    .contains("answer = 41");
            // The second attempt was told what failed, output included.
            Path worktrees = Path.of(runs.getLast().workdir()).getParent();
            assertThat(Files.readString(worktrees.resolve("feedback-" + id + ".txt")))
                    .contains("verify failed")
                    .contains("answer = 41");
            assertThat(Files.readString(Path.of(runs.getFirst().runDir()).resolve("verify.log")))
                    .contains("$ cat answer.txt")
                    .contains("answer = 41")
                    .contains("exit 1");
            assertThat(Files.readString(Path.of(runs.getLast().runDir()).resolve("verify.log")))
                    .contains("answer = 42")
                    .contains("exit 0");
            assertThat(GitRepos.git(repo, "show", f.task(id).branch() + ":answer.txt"))
                    .isEqualTo("answer = 42");
            List<String> types = f.baton.tasks().events(id, 0, 1000).stream()
                    .map(Event::type)
                    .toList();
            assertThat(types)
                    .containsSubsequence(
                            EventTypes.VERIFY_STARTED,
                            EventTypes.VERIFY_FINISHED,
                            EventTypes.TASK_RETRYING,
                            EventTypes.VERIFY_STARTED,
                            EventTypes.VERIFY_FINISHED,
                            EventTypes.TASK_COMPLETED);
        }
    }

    @Test
    void theProjectsVerifyCommandsRunTooAndTheLoopIsBounded() throws Exception {
        Path repo = GitRepos.create(dir.resolve("repo"));
        Files.createDirectories(repo.resolve(".baton"));
        Files.writeString(
                repo.resolve(".baton/config.yaml"),
                "autonomy: full\nverify:\n  - test -f never-written.txt\nverify_attempts: 1\n");
        try (TestBaton f = new TestBaton(dir.resolve("home"), 2, 2)) {
            f.start();
            TaskId id = f.add(TestBaton.shell("echo trying > try.txt")
                    .repo(repo.toString())
                    .verify(List.of("test -f try.txt"))
                    .build());
            f.awaitIdle();

            assertThat(f.task(id).status()).isEqualTo(TaskStatus.FAILED);
            assertThat(f.task(id).failureReason()).isEqualTo(FailureReason.VERIFY_FAILED);
            assertThat(f.task(id).failureDetail()).contains("'test -f never-written.txt' exited with 1");
            assertThat(f.runs(id)).hasSize(2); // the first attempt and one more, as configured
            assertThat(Files.readString(Path.of(f.runs(id).getFirst().runDir()).resolve("verify.log")))
                    .contains("$ test -f try.txt\nexit 0")
                    .contains("$ test -f never-written.txt\nexit 1");
        }
    }
}
