package dev.baton.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.baton.core.LaunchException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalProcessLauncherTest {
    private final LocalProcessLauncher launcher = new LocalProcessLauncher();

    @org.junit.jupiter.api.AfterEach
    void closeLauncher() {
        launcher.close();
    }

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
        launcher.onExit(ref).get(10, TimeUnit.SECONDS);
        assertThat(new RunFiles(runDir).exitCode()).as("128 + SIGTERM").hasValue(143);
    }

    @Test
    void argumentsAndVariablesReachTheCommandVerbatimAndAreNeverShellSyntax() throws Exception {
        String tricky = "it's \"quoted\" $(touch pwned) `touch pwned` $HOME ; exit 9\nsecond line\\";
        // more than a pipe holds (the shell reads it while Baton writes), less than Linux takes in one argument
        String big = "x".repeat(100_000);
        Path runDir = dir.resolve("run");
        ProcessRef ref = launcher.launchDetached(new LaunchSpec(
                List.of("sh", "-c", "printf '%s|' \"$1\" \"$TRICKY\"; printf '%s' \"$2\" | wc -c", "sh", tricky, big),
                dir,
                Map.of("TRICKY", tricky),
                runDir));

        launcher.onExit(ref).get(20, TimeUnit.SECONDS);

        RunFiles files = new RunFiles(runDir);
        assertThat(files.exitCode()).hasValue(0);
        assertThat(Files.readString(files.stdout())).isEqualTo(tricky + "|" + tricky + "|100000\n");
        assertThat(dir.resolve("pwned")).doesNotExist();
    }

    @Test
    void theRunLeadsItsOwnProcessGroupInTheShellsSessionAndItsPidFileNamesIt() throws Exception {
        Path runDir = dir.resolve("run");
        ProcessRef ref = launcher.launchDetached(
                new LaunchSpec(List.of("sh", "-c", "ps -o pgid= -o sid= -o ppid= -p $$"), dir, Map.of(), runDir));
        launcher.onExit(ref).get(10, TimeUnit.SECONDS);

        RunFiles files = new RunFiles(runDir);
        assertThat(files.pid()).hasValue(ref.pid());
        String[] groupSessionParent = Files.readString(files.stdout()).trim().split("\\s+");
        assertThat(groupSessionParent[0]).as("process group").isEqualTo(String.valueOf(ref.pid()));
        assertThat(groupSessionParent[1])
                .as("session: the launch shell's, away from Baton's terminal")
                .isEqualTo(groupSessionParent[2])
                .isNotEqualTo(launcher.exec(
                                List.of(
                                        "ps",
                                        "-o",
                                        "sid=",
                                        "-p",
                                        String.valueOf(ProcessHandle.current().pid())),
                                dir,
                                Map.of(),
                                Duration.ofSeconds(10))
                        .stdout()
                        .strip());
    }

    @Test
    void oneShellStartsOneRunAfterAnotherInsteadOfANewProcessEachTime() throws Exception {
        List<Long> shells = new java.util.ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Path runDir = dir.resolve("run-" + i);
            ProcessRef ref = launcher.launchDetached(
                    new LaunchSpec(List.of("sh", "-c", "ps -o ppid= -p $$; exit " + i), dir, Map.of(), runDir));
            launcher.onExit(ref).get(10, TimeUnit.SECONDS);
            assertThat(new RunFiles(runDir).exitCode()).hasValue(i);
            shells.add(Long.parseLong(
                    Files.readString(new RunFiles(runDir).stdout()).strip()));
        }
        assertThat(shells).as("the parent of each run").containsOnly(shells.getFirst());
        assertThat(shells.getFirst()).isNotEqualTo(ProcessHandle.current().pid());
    }

    @Test
    void aRunWhoseShellIsKilledIsStillSeenToEnd() throws Exception {
        Path runDir = dir.resolve("run");
        Path go = dir.resolve("go");
        ProcessRef ref = launcher.launchDetached(
                new LaunchSpec(List.of("sh", "-c", "while [ ! -e go ]; do sleep 0.05; done"), dir, Map.of(), runDir));
        long shell = ProcessHandle.of(ref.pid())
                .flatMap(ProcessHandle::parent)
                .orElseThrow()
                .pid();
        var exit = launcher.onExit(ref);

        ProcessHandle.of(shell).orElseThrow().destroyForcibly();
        Thread.sleep(200);
        assertThat(exit).isNotDone();
        Files.writeString(go, "");

        exit.get(10, TimeUnit.SECONDS);
        assertThat(launcher.isAlive(ref)).isFalse();
        assertThat(new RunFiles(runDir).exitCode())
                .as("nobody was left to record it")
                .isEmpty();
    }

    @Test
    void aRunGoesOnAndRecordsItsExitCodeAfterTheLauncherIsClosed() throws Exception {
        LocalProcessLauncher closing = new LocalProcessLauncher();
        Path runDir = dir.resolve("run");
        Path go = dir.resolve("go");
        ProcessRef ref = closing.launchDetached(new LaunchSpec(
                List.of("sh", "-c", "while [ ! -e go ]; do sleep 0.05; done; exit 7"), dir, Map.of(), runDir));

        closing.close();
        Files.writeString(go, "");

        awaitExitCode(new RunFiles(runDir));
        assertThat(new RunFiles(runDir).exitCode()).hasValue(7);
        assertThat(launcher.onExit(ref)).succeedsWithin(Duration.ofSeconds(10));
        assertThatThrownBy(() ->
                        closing.launchDetached(new LaunchSpec(List.of("true"), dir, Map.of(), dir.resolve("late"))))
                .isInstanceOf(LaunchException.class)
                .hasMessageContaining("closed");
    }

    @Test
    void aMissingWorkFolderOrAnUnusableVariableNameIsALaunchErrorThatSaysSo() {
        assertThatThrownBy(() -> launcher.launchDetached(
                        new LaunchSpec(List.of("true"), dir.resolve("nowhere"), Map.of(), dir.resolve("run-1"))))
                .isInstanceOf(LaunchException.class)
                .hasMessageContaining(dir.resolve("nowhere").toString())
                .hasMessageContaining("does not exist");
        assertThatThrownBy(() -> launcher.launchDetached(
                        new LaunchSpec(List.of("true"), dir, Map.of("MY-KEY", "1"), dir.resolve("run-2"))))
                .isInstanceOf(LaunchException.class)
                .hasMessageContaining("MY-KEY")
                .hasMessageContaining("letters, digits and underscores");
    }

    @Test
    void aPreparedRunFolderHasEmptyFilesThatTheLaunchFillsAndAnEmptyPidFileNamesNoProcess() throws Exception {
        Path runDir = dir.resolve("run");
        launcher.prepareRunFolder(runDir);
        RunFiles files = new RunFiles(runDir);
        assertThat(files.stdout()).isEmptyFile();
        assertThat(files.stderr()).isEmptyFile();
        assertThat(files.pid())
                .as("what a restarted Baton reads before the launch")
                .isEmpty();

        ProcessRef ref = launcher.launchDetached(
                new LaunchSpec(List.of("sh", "-c", "echo hello; echo oops >&2"), dir, Map.of(), runDir));
        launcher.onExit(ref).get(10, TimeUnit.SECONDS);

        assertThat(files.pid()).hasValue(ref.pid());
        assertThat(Files.readString(files.stdout())).isEqualTo("hello\n");
        assertThat(Files.readString(files.stderr())).isEqualTo("oops\n");
        assertThat(files.exitCode()).hasValue(0);
    }

    @Test
    void aCommandThatDoesNotExistEndsWithTheShellsNotFoundCode() throws Exception {
        Path runDir = dir.resolve("run");
        ProcessRef ref =
                launcher.launchDetached(new LaunchSpec(List.of("no-such-agent-binary"), dir, Map.of(), runDir));
        launcher.onExit(ref).get(10, TimeUnit.SECONDS);
        assertThat(new RunFiles(runDir).exitCode()).hasValue(127);
        assertThat(Files.readString(new RunFiles(runDir).stderr())).contains("no-such-agent-binary");
    }

    @Test
    void theRecordedStartIsTheStartTheJdkReadsSoTheRunIsStillKnownAliveLater() throws Exception {
        Path runDir = dir.resolve("run");
        ProcessRef ref = launcher.launchDetached(new LaunchSpec(List.of("sleep", "30"), dir, Map.of(), runDir));
        try {
            Instant read = ProcessHandle.of(ref.pid())
                    .flatMap(handle -> handle.info().startInstant())
                    .orElseThrow();
            // the JDK rounds the boot time down to the second: a start taken from the clock when the
            // launch was reported could be a second away from this and the run taken for gone
            assertThat(ref.startedAt()).isCloseTo(read, within(10, ChronoUnit.MILLIS));
            assertThat(launcher.isAlive(ref)).isTrue();
            long shell = ProcessHandle.of(ref.pid())
                    .flatMap(ProcessHandle::parent)
                    .orElseThrow()
                    .pid();
            assertThat(new RunFiles(runDir).shellPid())
                    .as("the shell that records the exit code")
                    .hasValue(shell);
        } finally {
            launcher.killGroup(ref, Duration.ZERO);
        }
    }

    @Test
    void whatWouldRunTheUsersCodeInTheLaunchShellReachesTheRunButNotTheShell() throws Exception {
        Path work = Files.createDirectories(dir.resolve("work"));
        Path sourced = dir.resolve("sourced");
        Path bashEnv = Files.writeString(dir.resolve("bash_env"), "touch '" + sourced + "'\n");
        Map<String, String> environment = new java.util.HashMap<>(System.getenv());
        environment.put("BASH_ENV", bashEnv.toString()); // bash would source it when it starts
        environment.put("BASH_FUNC_cd%%", "() { builtin echo not-cd; }"); // an exported function named cd
        environment.put("SHELLOPTS", "errexit"); // a failing wait would end the shell before it writes the code
        LocalProcessLauncher launcher = new LocalProcessLauncher(environment);
        try {
            Path runDir = dir.resolve("run");
            ProcessRef ref = launcher.launchDetached(new LaunchSpec(
                    List.of("sh", "-c", "pwd; printf '%s\\n' \"$BASH_ENV\"; exit 3"), work, environment, runDir));
            launcher.onExit(ref).get(10, TimeUnit.SECONDS);

            RunFiles files = new RunFiles(runDir);
            assertThat(files.exitCode()).hasValue(3);
            assertThat(Files.readAllLines(files.stdout())).containsExactly(work.toString(), bashEnv.toString());
            assertThat(sourced).as("the launch shell did not run BASH_ENV").doesNotExist();
        } finally {
            launcher.close();
        }
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
        ExecResult result = launcher.exec(List.of("sleep", "30"), dir, Map.of(), Duration.ofMillis(300));
        assertThat(result.exitCode()).isEqualTo(124);
        assertThat(result.stderr()).contains("timed out");
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
