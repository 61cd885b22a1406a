package dev.baton.cli;

import dev.baton.secret.Redactor;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Passes text through a {@link Redactor} a line at a time, so a secret is masked even when it
 * arrives in two chunks. A line longer than {@link #MAX_LINE} bytes is passed on in pieces of that
 * size (a secret straddling such a cut can escape; agents' output lines are far shorter).
 */
final class RedactingOutput extends OutputStream {
    static final int MAX_LINE = 1 << 20;

    private final OutputStream out;
    private final Redactor redactor;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();

    RedactingOutput(OutputStream out, Redactor redactor) {
        this.out = out;
        this.redactor = redactor;
    }

    @Override
    public void write(int b) throws IOException {
        line.write(b);
        if (b == '\n' || line.size() >= MAX_LINE) emitLine();
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        for (int i = offset; i < offset + length; i++) write(bytes[i]);
    }

    /** Writes out what is complete; a partial last line waits for its end unless {@code close}d. */
    @Override
    public void flush() throws IOException {
        out.flush();
    }

    @Override
    public void close() throws IOException {
        emitLine();
        out.flush();
    }

    private void emitLine() throws IOException {
        if (line.size() == 0) return;
        String text = line.toString(StandardCharsets.UTF_8);
        line.reset();
        out.write(redactor.redact(text).getBytes(StandardCharsets.UTF_8));
    }
}
