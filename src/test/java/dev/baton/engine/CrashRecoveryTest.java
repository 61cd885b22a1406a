package dev.baton.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.core.FailureReason;
import dev.baton.core.Run;
import dev.baton.core.RunStatus;
import dev.baton.core.TaskId;
import dev.baton.core.TaskStatus;
import dev.baton.session.LocalProcessLauncher;
import dev.baton.session.ProcessRef;
import dev.baton.testing.Eventually;
import dev.baton.testing.TestBaton;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Baton killed with SIGKILL while runs are live: after a restart none is lost and none runs twice. */
class CrashRecoveryTest {
    private static final int RUNS = 50;
    private static final int VANISHED = 5;

    @TempDir
    Path dir;

    @Test
    void sigkillWithFiftyLiveRunsLosesNoneAndDuplicatesNone() throws Exception {
        Path home = dir.resolve("home");
        Path markers = Files.createDirectories(dir.resolve("markers"));
        List<TaskId> ids = new ArrayList<>();
        try (TestBaton f = new TestBaton(home, RUNS + 10, RUNS + 10)) {
            for (int i = 0; i < RUNS; i++) {
                // each run waits for the go file, so none can finish before the test says so
                ids.add(f.add("while [ ! -f " + markers + "/go ]; do sleep 0.2; done; echo \"$BATON_TASK_ID\" >> "
                        + markers + "/\"$BATON_TASK_ID\""));
            }
        }

        Process baton = startBatonProcess(home);
        try (TestBaton f = new TestBaton(home, RUNS + 10, RUNS + 10)) {
            Eventually.await("50 live runs", Duration.ofSeconds(180), () -> ids.stream()
                    .allMatch(id -> f.task(id).status() == TaskStatus.RUNNING));
            baton.destroyForcibly(); // SIGKILL: no shutdown hook, no cleanup
            baton.waitFor();

            // While Baton is down, some agents die without leaving an exit code.
            var launcher = new LocalProcessLauncher();
            List<TaskId> vanished = ids.subList(0, VANISHED);
            for (TaskId id : vanished) {
                Run run = f.runs(id).getFirst();
                launcher.killGroup(new ProcessRef(run.pid(), run.processStart()), Duration.ZERO);
            }
            assertThat(ids.subList(VANISHED, RUNS)).allMatch(id -> {
                Run run = f.runs(id).getFirst();
                return launcher.isAlive(new ProcessRef(run.pid(), run.processStart()));
            });

            f.start();
            Files.writeString(markers.resolve("go"), "");
            f.awaitIdle();

            Map<TaskId, List<Run>> runs = ids.stream().collect(Collectors.toMap(Function.identity(), f::runs));
            assertThat(ids).allMatch(id -> f.task(id).status() == TaskStatus.COMPLETED);
            for (TaskId id : ids) {
                assertThat(Files.readAllLines(markers.resolve(id.value())))
                        .as(
                                "work of %s done exactly once; its runs: %s; events: %s",
                                id, runs.get(id), f.baton.tasks().events(id, 0, 100))
                        .containsExactly(id.value());
            }
            for (TaskId id : vanished) {
                assertThat(runs.get(id)).extracting(Run::status).containsExactly(RunStatus.FAILED, RunStatus.SUCCEEDED);
                assertThat(runs.get(id).getFirst().failureReason()).isEqualTo(FailureReason.LOST);
            }
            for (TaskId id : ids.subList(VANISHED, RUNS)) {
                assertThat(runs.get(id)).extracting(Run::status).containsExactly(RunStatus.SUCCEEDED);
            }
        } finally {
            baton.destroyForcibly();
        }
    }

    private static Process startBatonProcess(Path home) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(
                        java,
                        "-cp",
                        System.getProperty("java.class.path"),
                        "dev.baton.cli.Main",
                        "run",
                        "--home",
                        home.toString(),
                        "--max-runs",
                        String.valueOf(RUNS + 10),
                        "--quiet")
                .redirectErrorStream(true)
                .redirectOutput(home.resolve("baton-process.log").toFile())
                .start();
    }
}
