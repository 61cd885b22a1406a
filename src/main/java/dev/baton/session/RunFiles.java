package dev.baton.session;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.OptionalInt;

/** The files of one run's folder. Only reads and names them; writing is the launched process's job. */
public record RunFiles(Path dir) {
    public Path stdout() {
        return dir.resolve("stdout.log");
    }

    public Path stderr() {
        return dir.resolve("stderr.log");
    }

    public Path pidFile() {
        return dir.resolve("pid");
    }

    public Path exitCodeFile() {
        return dir.resolve("exit_code");
    }

    /** The pid the wrapper wrote when it started: lets a restarted Baton find a run it never recorded. */
    public java.util.OptionalLong pid() {
        try {
            return java.util.OptionalLong.of(
                    Long.parseLong(Files.readString(pidFile()).strip()));
        } catch (NoSuchFileException | NumberFormatException e) {
            return java.util.OptionalLong.empty();
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
