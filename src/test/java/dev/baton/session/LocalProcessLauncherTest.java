package dev.baton.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalProcessLauncherTest {
    private final LocalProcessLauncher launcher = new LocalProcessLauncher();

    @TempDir
    Path dir;

    @Test
    void detachedProcessWritesOutputAndExitCodeToTheRunFolder() throws Exception {
        Path runDir = dir.resolve("run");
        ProcessRef ref = launcher.launchDetached(new LaunchSpec(
                List.of("sh", "-c", "echo out; echo err >&2; pwd; exit 3"), dir, Map.of("X", "1"), runDir));
        RunFiles files = new RunFiles(runDir);

        awaitExitCode(files);

        assertThat(files.exitCode()).hasValue(3);
        assertThat(Files.readString(files.stdout())).isEqualTo("out\n" + dir.toRealPath() + "\n");
        assertThat(Files.readString(files.stderr())).isEqualTo("err\n");
        assertThat(launcher.isAlive(ref)).isFalse();
    }

    @Test
    void killGroupEndsTheWholeProcessTree() throws Exception {
        Path runDir = dir.resolve("run");
        ProcessRef ref = launcher.launchDetached(new LaunchSpec(
                List.of("sh", "-c", "sleep 300 & echo $! > child.pid; sleep 300"), dir, Map.of(), runDir));
        Path childPidFile = dir.resolve("child.pid");
        for (int i = 0; i < 200 && !Files.exists(childPidFile); i++) Thread.sleep(10);
        Thread.sleep(50);
        long child = Long.parseLong(Files.readString(childPidFile).strip());
        assertThat(launcher.isAlive(ref)).isTrue();

        launcher.killGroup(ref, Duration.ofSeconds(2));

        for (int i = 0;
                i < 200 && ProcessHandle.of(child).map(ProcessHandle::isAlive).orElse(false);
                i++) {
            Thread.sleep(10);
        }
        assertThat(ProcessHandle.of(child).map(ProcessHandle::isAlive)).isNotEqualTo(java.util.Optional.of(true));
        assertThat(launcher.isAlive(ref)).isFalse();
        assertThat(new RunFiles(runDir).exitCode()).isEmpty();
    }

    @Test
    void aReusedPidWithAnotherStartTimeIsNotTheSameProcess() {
        ProcessRef self = new ProcessRef(
                ProcessHandle.current().pid(),
                ProcessHandle.current().info().startInstant().orElseThrow());
        assertThat(launcher.isAlive(self)).isTrue();
        assertThat(launcher.isAlive(new ProcessRef(self.pid(), self.startedAt().minusSeconds(3600))))
                .isFalse();
    }

    @Test
    void execCapturesOutputAndExitCode() {
        ExecResult result = launcher.exec(
                List.of("sh", "-c", "echo \"$GREETING\"; echo oops >&2; exit 4"),
                dir,
                Map.of("GREETING", "hello"),
                Duration.ofSeconds(10));
        assertThat(result.exitCode()).isEqualTo(4);
        assertThat(result.stdout()).isEqualTo("hello\n");
        assertThat(result.stderr()).isEqualTo("oops\n");
    }

    @Test
    void execKillsACommandThatOutlivesItsTimeout() {
        long start = System.nanoTime();
        ExecResult result = launcher.exec(List.of("sleep", "30"), dir, Map.of(), Duration.ofMillis(300));
        assertThat(result.exitCode()).isEqualTo(124);
        assertThat(result.stderr()).contains("timed out");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(20));
    }

    @Test
    void execKeepsOnlyABoundedAmountOfOutput() {
        ExecResult result = launcher.exec(
                List.of("sh", "-c", "head -c 20000000 /dev/zero | tr '\\0' x"), dir, Map.of(), Duration.ofSeconds(30));
        assertThat(result.ok()).isTrue();
        assertThat(result.stdout()).hasSize(LocalProcessLauncher.EXEC_OUTPUT_LIMIT);
    }

    private static void awaitExitCode(RunFiles files) throws InterruptedException {
        for (int i = 0; i < 500 && files.exitCode().isEmpty(); i++) Thread.sleep(10);
    }
}
