package dev.baton.session;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.OptionalInt;
import java.util.OptionalLong;

/** The files of one run's folder. Only reads and names them; writing is the launched process's job. */
public record RunFiles(Path dir) {
    /** How long a live launch shell may take to record the exit code of a run that has ended. */
    static final Duration EXIT_CODE_PATIENCE = Duration.ofSeconds(10);

    static final String STDOUT = "stdout.log";
    static final String STDERR = "stderr.log";
    static final String PID = "pid";
    static final String EXIT_CODE = "exit_code";

    public Path stdout() {
        return dir.resolve(STDOUT);
    }

    public Path stderr() {
        return dir.resolve(STDERR);
    }

    public Path pidFile() {
        return dir.resolve(PID);
    }

    public Path exitCodeFile() {
        return dir.resolve(EXIT_CODE);
    }

    /** The pid the run's process wrote when it started: lets a restarted Baton find a run it never recorded. */
    public OptionalLong pid() {
        return pidFileWord(0);
    }

    /** The pid of the launch shell that waits for the run and records its exit code, as the run wrote it. */
    public OptionalLong shellPid() {
        return pidFileWord(1);
    }

    private OptionalLong pidFileWord(int index) {
        try {
            String[] words = Files.readString(pidFile()).strip().split(" ");
            return index < words.length ? OptionalLong.of(Long.parseLong(words[index])) : OptionalLong.empty();
        } catch (NoSuchFileException | NumberFormatException e) {
            return OptionalLong.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The exit code the run's launch shell wrote when the process ended, or empty while it runs (or
     * when the shell itself was gone by then).
     */
    public OptionalInt exitCode() {
        try {
            String text =
                    Files.readString(exitCodeFile(), StandardCharsets.UTF_8).strip();
            return text.isEmpty() ? OptionalInt.empty() : OptionalInt.of(Integer.parseInt(text));
        } catch (NoSuchFileException e) {
            return OptionalInt.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NumberFormatException e) {
            return OptionalInt.empty();
        }
    }

    /**
     * The exit code of a run whose process has ended. Its launch shell writes the code just after the
     * process ends, so while that shell lives this waits for the code, at most ten seconds: a
     * run seen to end a moment before its code was written is not taken for one that vanished (and
     * retried while its work is done). Empty when no code comes: the shell was gone too.
     */
    public OptionalInt exitCodeOnceRecorded() throws InterruptedException {
        return exitCodeOnceRecorded(EXIT_CODE_PATIENCE);
    }

    OptionalInt exitCodeOnceRecorded(Duration patience) throws InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        OptionalInt code = exitCode();
        while (code.isEmpty() && System.nanoTime() < deadline && shellAlive()) {
            Thread.sleep(10);
            code = exitCode();
        }
        return code.isPresent() ? code : exitCode(); // the shell may have written it just before it ended
    }

    private boolean shellAlive() {
        OptionalLong shell = shellPid();
        return shell.isPresent()
                && ProcessHandle.of(shell.getAsLong())
                        .map(ProcessHandle::isAlive)
                        .orElse(false)
                && !ProcStat.isZombie(shell.getAsLong());
    }

    public long stdoutSize() {
        return sizeOf(stdout());
    }

    public long stderrSize() {
        return sizeOf(stderr());
    }

    private static long sizeOf(Path file) {
        try {
            return Files.size(file);
        } catch (NoSuchFileException e) {
            return 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The last {@code maxBytes} of a file as text, for summaries; never reads the whole file. */
    public static String tail(Path file, int maxBytes) {
        try (var channel = java.nio.channels.FileChannel.open(file)) {
            long size = channel.size();
            long start = Math.max(0, size - maxBytes);
            var buffer = java.nio.ByteBuffer.allocate((int) (size - start));
            channel.read(buffer, start);
            String text = new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8);
            if (start > 0) {
                int newline = text.indexOf('\n');
                if (newline >= 0) text = text.substring(newline + 1);
            }
            return text;
        } catch (NoSuchFileException e) {
            return "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
