package dev.baton.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run's exit code, read just after its process was seen to end. */
class RunFilesTest {
    @TempDir
    Path dir;

    @Test
    void whileTheShellThatRecordsItLivesTheExitCodeIsWaitedFor() throws Exception {
        RunFiles files = new RunFiles(dir);
        Process shell = new ProcessBuilder("sleep", "30").start();
        try {
            Files.writeString(files.pidFile(), "12345 " + shell.pid() + "\n");
            var reading = CompletableFuture.supplyAsync(() -> read(files, Duration.ofMinutes(5)));
            Thread.sleep(300);
            assertThat(reading).as("no code yet, and its shell is alive").isNotDone();

            Files.writeString(files.exitCodeFile(), "3\n");
            assertThat(reading.get(30, TimeUnit.SECONDS)).hasValue(3);
        } finally {
            shell.destroyForcibly();
        }
    }

    @Test
    void whenTheShellIsGoneTooNoCodeIsWaitedFor() throws Exception {
        RunFiles files = new RunFiles(dir);
        Process shell = new ProcessBuilder("true").start();
        shell.waitFor();
        Files.writeString(files.pidFile(), "12345 " + shell.pid() + "\n");

        var reading = CompletableFuture.supplyAsync(() -> read(files, Duration.ofMinutes(5)));
        assertThat(reading.get(30, TimeUnit.SECONDS))
                .as("nobody is left to write it")
                .isEmpty();
    }

    @Test
    void aPidFileOfOneWordNamesTheRunAndNoShell() throws Exception {
        RunFiles files = new RunFiles(dir);
        Files.writeString(files.pidFile(), "12345\n");
        assertThat(files.pid()).hasValue(12345);
        assertThat(files.shellPid()).isEmpty();
    }

    private static OptionalInt read(RunFiles files, Duration patience) {
        try {
            return files.exitCodeOnceRecorded(patience);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
