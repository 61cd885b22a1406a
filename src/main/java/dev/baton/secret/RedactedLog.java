package dev.baton.secret;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * A run's output file, kept raw on disk, read in chunks with its secrets masked — so that chunks
 * read at any offsets and joined never show a secret whole or in pieces.
 *
 * <p>How: offsets stay the file's own bytes. Each read looks at the {@link #CONTEXT} bytes around
 * its range, finds the secrets there (read as one byte per character, so a match is a byte range),
 * and serves its range with each secret that starts in it replaced by the mask; a chunk whose end
 * would cut a secret ends after it instead, and a chunk that starts inside a secret leaves out the
 * rest of it. While the run is live, the file's last line waits for its newline: a secret being
 * written could not be recognised from its first half. Immutable; thread-safe.
 */
public final class RedactedLog {
    /** How far around its range a read looks for secrets that reach into it (a private key block is ~3 KiB). */
    static final int CONTEXT = 64 * 1024;

    /** A live file's unfinished last line is served once it is longer than this (an endless line). */
    static final int LONGEST_PENDING_LINE = 8 * 1024;

    private static final byte[] MASK = Redactor.MASK.getBytes(StandardCharsets.UTF_8);

    /**
     * @param text the chunk's text, secrets masked
     * @param nextOffset the file offset to read from next
     * @param size the file's size when it was read
     */
    public record Chunk(String text, long nextOffset, long size) {}

    private final Redactor redactor;

    /** @param redactor what counts as a secret; {@link Redactor#bytewise()} is taken of it */
    public RedactedLog(Redactor redactor) {
        this.redactor = redactor.bytewise();
    }

    /**
     * Up to {@code limit} bytes of the file from {@code offset} (more when a secret straddles the end).
     *
     * @param complete whether the file will not grow (the run has ended): then its last line is
     *     served without a newline
     * @throws IllegalArgumentException when {@code offset} is past the end of the file
     */
    public Chunk read(Path file, long offset, int limit, boolean complete) throws IOException {
        try (FileChannel channel = FileChannel.open(file)) {
            long size = channel.size();
            if (offset > size) {
                throw new IllegalArgumentException(
                        "offset " + offset + " is past the end of the log (" + size + " bytes)");
            }
            long settled = complete ? size : settledEnd(channel, size);
            long end = Math.min(settled, offset + (long) limit);
            if (end <= offset) return new Chunk("", offset, size);

            long windowStart = Math.max(0, offset - CONTEXT);
            long windowEnd = Math.min(size, end + CONTEXT);
            byte[] window = read(channel, windowStart, (int) (windowEnd - windowStart));
            String bytesAsText = new String(window, StandardCharsets.ISO_8859_1);
            List<int[]> spans = redactor.spans(bytesAsText);

            int from = (int) (offset - windowStart);
            int to = (int) (end - windowStart);
            for (int[] span : spans) {
                if (span[0] < to && span[1] > to) to = span[1]; // never cut a secret: end after it
            }
            to = completeCharacter(window, to);
            ByteArrayOutputStream out = new ByteArrayOutputStream(to - from);
            int at = from;
            for (int[] span : spans) {
                if (span[1] <= at || span[0] >= to) continue;
                if (span[0] >= at) {
                    out.write(window, at, span[0] - at);
                    out.write(MASK, 0, MASK.length);
                } // else: the chunk starts inside the secret; its mask went with the chunk that held its start
                at = Math.min(span[1], to);
            }
            if (at < to) out.write(window, at, to - at);
            return new Chunk(out.toString(StandardCharsets.UTF_8), windowStart + to, size);
        } catch (NoSuchFileException e) {
            if (offset > 0)
                throw new IllegalArgumentException("offset " + offset + " is past the end of the log (0 bytes)");
            return new Chunk("", 0, 0);
        }
    }

    /** Where a growing file's finished lines end: after its last newline (or before an endless last line's tail). */
    private static long settledEnd(FileChannel channel, long size) throws IOException {
        long start = Math.max(0, size - LONGEST_PENDING_LINE);
        byte[] tail = read(channel, start, (int) (size - start));
        for (int i = tail.length - 1; i >= 0; i--) {
            if (tail[i] == '\n') return start + i + 1;
        }
        return start; // a line longer than the limit: all but its last bytes go out
    }

    /** {@code index} moved past any UTF-8 continuation bytes, so a chunk never ends inside a character. */
    private static int completeCharacter(byte[] bytes, int index) {
        int i = index;
        while (i < bytes.length && (bytes[i] & 0xC0) == 0x80) i++;
        return i;
    }

    private static byte[] read(FileChannel channel, long offset, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(Math.max(0, length));
        while (buffer.hasRemaining() && channel.read(buffer, offset + buffer.position()) > 0) {
            // until the window is full or the file ends
        }
        byte[] out = new byte[buffer.position()];
        buffer.flip().get(out);
        return out;
    }
}
