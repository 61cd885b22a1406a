package dev.baton.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.core.BatonHome;
import dev.baton.core.FailureReason;
import dev.baton.core.Run;
import dev.baton.core.RunStatus;
import dev.baton.core.TaskId;
import dev.baton.core.TaskStatus;
import dev.baton.store.TaskQuery;
import dev.baton.testing.TestBaton;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How a claimed run starts: its folders are begun while the dispatcher is still routing and
 * claiming, and the start goes on once both the folders and the claim are done.
 */
class RunStartTest {
    @TempDir
    Path dir;

    @Test
    void twoEnginesOnOneDatabaseStartEveryTaskOnceAndForgetTheClaimsTheyLost() throws Exception {
        Path home = dir.resolve("home");
        try (TestBaton first = new TestBaton(home, 4, 4);
                TestBaton second = new TestBaton(home, 4, 4)) {
            List<TaskId> ids = new ArrayList<>();
            for (int i = 0; i < 40; i++) ids.add(first.add("echo " + i));
            first.start();
            second.start();
            first.awaitIdle();
            second.awaitIdle();

            for (TaskId id : ids) {
                assertThat(first.task(id).status()).as(id.value()).isEqualTo(TaskStatus.COMPLETED);
                assertThat(first.runs(id)).as(id.value()).singleElement().satisfies(run -> assertThat(run.status())
                        .isEqualTo(RunStatus.SUCCEEDED));
            }
            assertThat(first.engine.activeRuns()).isZero(); // lost claims are not counted as running
            assertThat(second.engine.activeRuns()).isZero();
        }
    }

    @Test
    void aRunWhoseFolderCannotBeMadeFailsWithALaunchErrorThatNamesTheFolder() throws Exception {
        Path home = dir.resolve("home");
        try (TestBaton baton = new TestBaton(home, 2, 2)) {
            TaskId id = TaskId.of("no-room");
            baton.baton.tasks().add(TestBaton.shell("echo hi").maxRetries(0).build(), id);
            Path runDir = new BatonHome(home).runDir(dev.baton.core.RunId.of(id, 1));
            Files.createDirectories(runDir.getParent());
            Files.writeString(runDir, "a file where the run's folder should be");

            baton.start();
            baton.awaitIdle();

            Run run = baton.runs(id).getFirst();
            assertThat(run.status()).isEqualTo(RunStatus.FAILED);
            assertThat(run.failureReason()).isEqualTo(FailureReason.LAUNCH_ERROR);
            assertThat(run.failureDetail()).contains("could not create the run folder " + runDir);
            assertThat(baton.baton.tasks().list(TaskQuery.ALL))
                    .allMatch(t -> t.status().isTerminal());
            assertThat(baton.engine.activeRuns()).isZero();
        }
    }
}
