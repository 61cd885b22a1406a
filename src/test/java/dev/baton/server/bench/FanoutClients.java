package dev.baton.server.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;

/**
 * The client side of {@link EventFanoutBench}, in a process of its own so its CPU is not counted
 * as the server's: N SSE and M WebSocket clients; each records, for every benchmark event, now minus
 * the {@code sent_nanos} the writer put in it (System.nanoTime is CLOCK_MONOTONIC, shared by the
 * processes of one machine). Prints READY when connected, and the latencies on stdin EOF.
 *
 * <p>Arguments: port sseClients wsClients
 */
public final class FanoutClients {
    private FanoutClients() {}

    /** Latencies in microseconds, one growing array per client. */
    static final class Recorder {
        private long[] samples = new long[1 << 16];
        private int count;

        synchronized void record(String json) {
            int at = json.indexOf("\"sent_nanos\":");
            if (at < 0) return;
            long now = System.nanoTime();
            int start = at + 13;
            int end = start;
            while (end < json.length() && Character.isDigit(json.charAt(end))) end++;
            long sent = Long.parseLong(json, start, end, 10);
            if (count == samples.length) samples = Arrays.copyOf(samples, count * 2);
            samples[count++] = (now - sent) / 1000;
        }

        synchronized long[] snapshot() {
            return Arrays.copyOf(samples, count);
        }
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        int sse = Integer.parseInt(args[1]);
        int ws = Integer.parseInt(args[2]);
        HttpClient http = HttpClient.newBuilder()
                .executor(Executors.newVirtualThreadPerTaskExecutor())
                .build();
        List<Recorder> recorders = new ArrayList<>();
        CountDownLatch connected = new CountDownLatch(sse + ws);
        for (int i = 0; i < sse; i++) {
            Recorder r = new Recorder();
            recorders.add(r);
            // A plain socket per SSE client: the JDK HttpClient reads every connection on one selector
            // thread, which would measure the client rather than the server.
            Thread.ofVirtual().start(() -> {
                try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
                    socket.getOutputStream()
                            .write(("GET /api/events?types=bench.tick HTTP/1.1\r\nHost: 127.0.0.1:" + port
                                            + "\r\nAccept: text/event-stream\r\n\r\n")
                                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                    java.io.InputStream in = new java.io.BufferedInputStream(socket.getInputStream(), 1 << 16);
                    connected.countDown();
                    readSse(in, r);
                } catch (Exception e) {
                    System.err.println("sse client failed: " + e);
                }
            });
        }
        for (int i = 0; i < ws; i++) {
            Recorder r = new Recorder();
            recorders.add(r);
            HttpClient own = HttpClient.newHttpClient(); // a selector thread per WebSocket client
            own.newWebSocketBuilder()
                    .buildAsync(
                            URI.create("ws://127.0.0.1:" + port + "/ws?types=bench.tick"), new WebSocket.Listener() {
                                private final StringBuilder partial = new StringBuilder();

                                @Override
                                public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
                                    partial.append(data);
                                    if (last) {
                                        // one or more events per message, one per line
                                        for (String event : partial.toString().split("\n")) r.record(event);
                                        partial.setLength(0);
                                    }
                                    socket.request(1);
                                    return null;
                                }
                            })
                    .join();
            connected.countDown();
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
            long[] s = r.snapshot();
            out.append(' ').append(s.length);
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
                        java.util.Locale.ROOT,
                        "%.1f",
                        ((com.sun.management.OperatingSystemMXBean)
                                                java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                                        .getProcessCpuTime()
                                / 1e9));
        System.out.flush();
        System.exit(0);
    }

    /**
     * Reads an SSE response: the headers, then the body — chunked (a hex size line before each
     * chunk) or not — as lines, recording every {@code data:} line. Chunk boundaries fall anywhere,
     * mid-line included, so the chunk framing is taken off before the body is split into lines.
     */
    static void readSse(java.io.InputStream in, Recorder r) throws java.io.IOException {
        boolean chunked = false;
        String header;
        while (!(header = readLine(in)).isEmpty()) {
            if (header.toLowerCase(java.util.Locale.ROOT).startsWith("transfer-encoding:")
                    && header.toLowerCase(java.util.Locale.ROOT).contains("chunked")) chunked = true;
        }
        java.io.ByteArrayOutputStream line = new java.io.ByteArrayOutputStream(512);
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
                for (int i = 0; i < n; i++) {
                    if (chunk[i] == '\n') {
                        String text = line.toString(java.nio.charset.StandardCharsets.UTF_8);
                        if (text.startsWith("data: ")) r.record(text);
                        line.reset();
                    } else {
                        line.write(chunk[i]);
                    }
                }
            }
            if (chunked) readLine(in); // the CRLF after the chunk
        }
    }

    private static String readLine(java.io.InputStream in) throws java.io.IOException {
        StringBuilder out = new StringBuilder();
        int c;
        while ((c = in.read()) >= 0 && c != '\n') {
            if (c != '\r') out.append((char) c);
        }
        if (c < 0 && out.isEmpty()) throw new java.io.EOFException("connection closed");
        return out.toString();
    }

    static long pct(long[] sorted, double p) {
        if (sorted.length == 0) return 0;
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
    }
}
