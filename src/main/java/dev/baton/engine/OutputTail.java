package dev.baton.engine;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads complete lines that were appended to a file since the last read. Memory is bounded: a line
 * longer than {@link #MAX_LINE} is cut (the rest is skipped up to its newline). Not thread-safe.
 */
final class OutputTail {
    static final int MAX_LINE = 1 << 20;
    private static final int CHUNK = 64 * 1024;

    private final Path file;
    private long offset;
    private final java.io.ByteArrayOutputStream partial = new java.io.ByteArrayOutputStream();

    OutputTail(Path file, long offset) {
        this.file = file;
        this.offset = offset;
    }

    /** Bytes consumed so far (up to the end of the last complete line, plus any partial line held). */
    long offset() {
        return offset;
    }

    /** New complete lines; with {@code atEnd}, a last line without a newline too. */
    List<String> readLines(boolean atEnd) {
        List<String> lines = new ArrayList<>();
        if (!Files.exists(file)) return lines;
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
            long end = raf.length();
            byte[] buffer = new byte[CHUNK];
            while (offset < end) {
                raf.seek(offset);
                int n = raf.read(buffer, 0, (int) Math.min(CHUNK, end - offset));
                if (n <= 0) break;
                for (int i = 0; i < n; i++) {
                    byte b = buffer[i];
                    if (b == '\n') {
                        lines.add(takeLine());
                    } else if (partial.size() < MAX_LINE) {
                        partial.write(b); // beyond MAX_LINE the rest of the line is dropped
                    }
                }
                offset += n;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (atEnd && partial.size() > 0) lines.add(takeLine());
        return lines;
    }

    private String takeLine() {
        String line = partial.toString(StandardCharsets.UTF_8);
        partial.reset();
        return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
    }
}
