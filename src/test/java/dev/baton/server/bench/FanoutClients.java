package dev.baton.server.bench;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.LongConsumer;

/**
 * The client side of {@link EventFanoutBench}, in a process of its own so its CPU is not counted
 * as the server's: N SSE and M WebSocket clients; each records, for every benchmark event, now minus
 * the {@code sent_nanos} the writer put in it (System.nanoTime is CLOCK_MONOTONIC, shared by the
 * processes of one machine). Prints READY when connected, and the latencies on stdin EOF.
 *
 * <p>Both kinds are plain sockets read on a virtual thread each, and the bytes go through a
 * {@link SentNanosScanner} without being decoded: on a 2-core machine the clients share the cores
 * with the server, so the less they spend per event, the less they add to what is measured. The
 * WebSocket client speaks just enough of RFC 6455 for this: the handshake, unmasked server frames
 * (text, continuation, ping answered with a pong, close).
 *
 * <p>Arguments: port sseClients wsClients
 */
public final class FanoutClients {
    private FanoutClients() {}

    /** Latencies in microseconds, one growing array per client; written by its reading thread only. */
    static final class Recorder {
        private long[] samples = new long[1 << 16];
        private int count;

        synchronized void record(long sentNanos) {
            long now = System.nanoTime();
            if (count == samples.length) samples = Arrays.copyOf(samples, count * 2);
            samples[count++] = (now - sentNanos) / 1000;
        }

        synchronized long[] snapshot() {
            return Arrays.copyOf(samples, count);
        }
    }

    /**
     * Finds {@code "sent_nanos":DIGITS} in a stream of bytes fed in pieces of any size (a match may
     * span two pieces) and passes on each number as it ends.
     */
    static final class SentNanosScanner {
        private static final byte[] KEY = "\"sent_nanos\":".getBytes(StandardCharsets.US_ASCII);
        private final LongConsumer sink;
        private int matched;
        private boolean inNumber;
        private long number;

        SentNanosScanner(LongConsumer sink) {
            this.sink = sink;
        }

        void feed(byte[] bytes, int from, int to) {
            for (int i = from; i < to; i++) {
                byte b = bytes[i];
                if (inNumber) {
                    if (b >= '0' && b <= '9') {
                        number = number * 10 + (b - '0');
                        continue;
                    }
                    sink.accept(number);
                    inNumber = false;
                }
                if (b == KEY[matched]) {
                    if (++matched == KEY.length) {
                        matched = 0;
                        inNumber = true;
                        number = 0;
                    }
                } else {
                    matched = b == KEY[0] ? 1 : 0;
                }
            }
        }
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        int sse = Integer.parseInt(args[1]);
        int ws = Integer.parseInt(args[2]);
        List<Recorder> recorders = new ArrayList<>();
        CountDownLatch connected = new CountDownLatch(sse + ws);
        for (int i = 0; i < sse + ws; i++) {
            Recorder r = new Recorder();
            recorders.add(r);
            boolean webSocket = i >= sse;
            Thread.ofVirtual().start(() -> {
                try (Socket socket = new Socket("127.0.0.1", port)) {
                    socket.setTcpNoDelay(true);
                    InputStream in = new BufferedInputStream(socket.getInputStream(), 1 << 16);
                    if (webSocket) {
                        OutputStream out = socket.getOutputStream();
                        handshake(out, in, port);
                        connected.countDown();
                        readWebSocket(in, out, new SentNanosScanner(r::record));
                    } else {
                        socket.getOutputStream()
                                .write(("GET /api/events?types=bench.tick HTTP/1.1\r\nHost: 127.0.0.1:" + port
                                                + "\r\nAccept: text/event-stream\r\n\r\n")
                                        .getBytes(StandardCharsets.US_ASCII));
                        connected.countDown();
                        readSse(in, new SentNanosScanner(r::record));
                    }
                } catch (Exception e) {
                    System.err.println((webSocket ? "websocket" : "sse") + " client failed: " + e);
                }
            });
        }
        connected.await();
        Thread.sleep(500); // every stream registered with the hub
        System.out.println("READY");
        System.out.flush();
        while (System.in.read() >= 0) {
            // wait for the writer to finish
        }
        Thread.sleep(1000); // the last events in flight
        StringBuilder out = new StringBuilder("RESULT");
        for (Recorder r : recorders) {
            out.append(' ').append(r.snapshot().length);
        }
        System.out.println(out);
        long[] all = recorders.stream()
                .map(Recorder::snapshot)
                .flatMapToLong(Arrays::stream)
                .toArray();
        Arrays.sort(all);
        System.out.println("LATENCY_US count=" + all.length + " p50=" + pct(all, 0.50) + " p90=" + pct(all, 0.90)
                + " p99=" + pct(all, 0.99) + " p999=" + pct(all, 0.999) + " max="
                + (all.length == 0 ? 0 : all[all.length - 1]) + " client_cpu_s="
                + String.format(
                        Locale.ROOT,
                        "%.1f",
                        ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                                        .getProcessCpuTime()
                                / 1e9));
        System.out.flush();
        System.exit(0);
    }

    private static void handshake(OutputStream out, InputStream in, int port) throws IOException {
        byte[] key = new byte[16];
        ThreadLocalRandom.current().nextBytes(key);
        out.write(("GET /ws?types=bench.tick HTTP/1.1\r\nHost: 127.0.0.1:" + port
                        + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n"
                        + "Sec-WebSocket-Key: " + Base64.getEncoder().encodeToString(key) + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        String status = readLine(in);
        if (!status.contains(" 101 ")) throw new IOException("the server refused the WebSocket: " + status);
        while (!readLine(in).isEmpty()) {
            // the rest of the response headers
        }
    }

    /** Reads server frames (never masked) until the server closes; answers pings. */
    static void readWebSocket(InputStream in, OutputStream out, SentNanosScanner scanner) throws IOException {
        byte[] buffer = new byte[1 << 16];
        while (true) {
            int first = in.read();
            int second = in.read();
            if (first < 0 || second < 0) return;
            int opcode = first & 0x0f;
            long length = second & 0x7f;
            if (length == 126) length = (readByte(in) << 8) | readByte(in);
            else if (length == 127) {
                length = 0;
                for (int i = 0; i < 8; i++) length = (length << 8) | readByte(in);
            }
            if (opcode == 0x8) return; // close
            long left = length;
            byte[] pingPayload = opcode == 0x9 ? new byte[(int) length] : null;
            int pingAt = 0;
            while (left > 0) {
                int n = in.read(buffer, 0, (int) Math.min(left, buffer.length));
                if (n < 0) return;
                left -= n;
                if (opcode == 0x1 || opcode == 0x0) scanner.feed(buffer, 0, n);
                else if (pingPayload != null) {
                    System.arraycopy(buffer, 0, pingPayload, pingAt, n);
                    pingAt += n;
                }
            }
            if ((opcode == 0x1 || opcode == 0x0) && (first & 0x80) != 0) {
                scanner.feed(END, 0, 1); // a message's end ends a number
            }
            if (pingPayload != null) pong(out, pingPayload);
        }
    }

    private static final byte[] END = {'\n'};

    private static void pong(OutputStream out, byte[] payload) throws IOException {
        byte[] frame = new byte[2 + 4 + payload.length];
        frame[0] = (byte) 0x8A; // FIN + pong
        frame[1] = (byte) (0x80 | payload.length); // masked (clients must mask), payload < 126 bytes
        // mask 0: the payload goes unchanged
        System.arraycopy(payload, 0, frame, 6, payload.length);
        synchronized (out) {
            out.write(frame);
            out.flush();
        }
    }

    private static int readByte(InputStream in) throws IOException {
        int b = in.read();
        if (b < 0) throw new EOFException("connection closed inside a frame header");
        return b;
    }

    /**
     * Reads an SSE response: the headers, then the body — chunked (a hex size line before each
     * chunk) or not. Chunk boundaries fall anywhere, mid-number included, so the chunk framing is
     * taken off before the bytes reach the scanner.
     */
    static void readSse(InputStream in, SentNanosScanner scanner) throws IOException {
        boolean chunked = false;
        String header;
        while (!(header = readLine(in)).isEmpty()) {
            String lower = header.toLowerCase(Locale.ROOT);
            if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) chunked = true;
        }
        byte[] chunk = new byte[1 << 16];
        while (true) {
            int size;
            if (chunked) {
                String sizeLine = readLine(in);
                int semi = sizeLine.indexOf(';');
                size = Integer.parseInt((semi < 0 ? sizeLine : sizeLine.substring(0, semi)).strip(), 16);
                if (size == 0) return;
            } else {
                size = chunk.length;
            }
            int left = size;
            while (left > 0) {
                int n = in.read(chunk, 0, Math.min(left, chunk.length));
                if (n < 0) return;
                if (chunked) left -= n;
                else left = 0;
                scanner.feed(chunk, 0, n);
            }
            if (chunked) readLine(in); // the CRLF after the chunk
        }
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder out = new StringBuilder();
        int c;
        while ((c = in.read()) >= 0 && c != '\n') {
            if (c != '\r') out.append((char) c);
        }
        if (c < 0 && out.isEmpty()) throw new EOFException("connection closed");
        return out.toString();
    }

    static long pct(long[] sorted, double p) {
        if (sorted.length == 0) return 0;
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
    }
}
