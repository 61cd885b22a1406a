package dev.baton.session;

import dev.baton.core.LaunchException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The named pipe every shell reports on (descriptor 3), in a private temporary folder, and the
 * thread that reads it. Opened for reading and writing, so it never sees an end of file while
 * shells come and go.
 */
record LaunchReports(Path dir, FileChannel channel, Thread reader) {
    private static final Logger log = LoggerFactory.getLogger(LaunchReports.class);
    private static final String QUIT = "quit";

    Path pipe() {
        return pipeIn(dir);
    }

    /** Where the shells' own complaints go (they should have none). */
    Path shellLog() {
        return shellLogIn(dir);
    }

    private static Path pipeIn(Path dir) {
        return dir.resolve("reports");
    }

    private static Path shellLogIn(Path dir) {
        return dir.resolve("shells.log");
    }

    static LaunchReports open(Consumer<String> onLine) {
        try {
            Path dir = Files.createTempDirectory("baton-launch-");
            Path pipe = pipeIn(dir);
            // gone when the JVM exits without close() (files first: the last registered goes first)
            dir.toFile().deleteOnExit();
            pipe.toFile().deleteOnExit();
            shellLogIn(dir).toFile().deleteOnExit();
            Process mkfifo = new ProcessBuilder("mkfifo", "-m", "600", pipe.toString())
                    .redirectErrorStream(true)
                    .start();
            String said = new String(mkfifo.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (mkfifo.waitFor() != 0) throw new IOException("mkfifo failed: " + said.strip());
            FileChannel channel = FileChannel.open(pipe, StandardOpenOption.READ, StandardOpenOption.WRITE);
            Thread reader = Thread.ofPlatform()
                    .daemon(true)
                    .name("baton-launch-reports")
                    .unstarted(() -> readLines(channel, onLine));
            reader.start();
            return new LaunchReports(dir, channel, reader);
        } catch (IOException e) {
            throw new LaunchException("could not set up the launch shells' report pipe: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LaunchException("interrupted while setting up the launch shells", e);
        }
    }

    private static void readLines(FileChannel channel, Consumer<String> onLine) {
        ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
        StringBuilder line = new StringBuilder();
        try {
            while (channel.read(buffer) >= 0) {
                buffer.flip();
                while (buffer.hasRemaining()) {
                    char c = (char) buffer.get(); // the reports are ASCII
                    if (c != '\n') {
                        line.append(c);
                        continue;
                    }
                    String text = line.toString();
                    line.setLength(0);
                    if (text.equals(QUIT)) return;
                    try {
                        onLine.accept(text);
                    } catch (RuntimeException e) {
                        log.error("could not handle the launch report '{}'", text, e);
                    }
                }
                buffer.clear();
            }
        } catch (IOException e) {
            log.error("stopped reading the launch shells' reports", e);
        }
    }

    void close() {
        try {
            // A channel of its own: the reader's channel stays locked while it waits to read.
            try (FileChannel writer = FileChannel.open(pipe(), StandardOpenOption.WRITE)) {
                writer.write(ByteBuffer.wrap((QUIT + "\n").getBytes(StandardCharsets.US_ASCII)));
            }
            reader.join(Duration.ofSeconds(5));
            channel.close();
            Files.deleteIfExists(pipe());
            Files.deleteIfExists(shellLog());
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            log.warn("could not remove the launch shells' report pipe {}: {}", pipe(), e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
