package dev.baton.server.bench;

import com.sun.management.OperatingSystemMXBean;
import dev.baton.Baton;
import dev.baton.agent.AgentRegistry;
import dev.baton.core.BatonHome;
import dev.baton.core.Event;
import dev.baton.engine.EngineConfig;
import dev.baton.server.BatonServer;
import dev.baton.server.EngineControl;
import dev.baton.server.ServerConfig;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * Live-event fan-out under load: a Baton server on a temp home, events written to its store at a
 * fixed rate through the recorder (as the engine writes them), and SSE + WebSocket clients in a
 * second JVM measuring delivery latency. Phase 1 writes with no clients (the bare baseline: the
 * writer's own cost); phase 2 writes the same with the clients connected. The server process's CPU
 * is measured in both.
 *
 * <p>Arguments: [eventsPerSecond=1000] [seconds=20] [sseClients=50] [wsClients=50] [windowMs=the
 * server's default]. Run it with
 * {@code bench/events}.
 */
public final class EventFanoutBench {
    private EventFanoutBench() {}

    public static void main(String[] args) throws Exception {
        int rate = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        int sse = args.length > 2 ? Integer.parseInt(args[2]) : 50;
        int ws = args.length > 3 ? Integer.parseInt(args[3]) : 50;
        Duration window = args.length > 4
                ? Duration.ofMillis(Long.parseLong(args[4]))
                : ServerConfig.defaults().eventWindow();
        Path home = Files.createTempDirectory("baton-bench-events");
        try (Baton baton = Baton.open(new BatonHome(home), EngineConfig.defaults(), AgentRegistry.commandOnly(1))) {
            BatonServer server = BatonServer.start(
                    baton,
                    EngineControl.NONE,
                    ServerConfig.defaults()
                            .withPort(0)
                            .withRequestsPerMinute(1_000_000)
                            .withEventWindow(window));
            System.out.printf(
                    "server on port %d, home %s, batching window %d ms, %d CPUs, load average %.2f%n",
                    server.port(),
                    home,
                    window.toMillis(),
                    Runtime.getRuntime().availableProcessors(),
                    ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
            write(baton, rate, 3); // warm-up
            Phase baseline = write(baton, rate, seconds);
            System.out.printf(
                    "baseline (no clients): %d events in %.1f s, server CPU %.1f%% of one core%n",
                    baseline.events, baseline.wallSeconds, baseline.cpuPercent());

            Process clients = new ProcessBuilder(
                            Path.of(System.getProperty("java.home"), "bin", "java")
                                    .toString(),
                            "-Xmx1g",
                            "-cp",
                            System.getProperty("java.class.path"),
                            FanoutClients.class.getName(),
                            Integer.toString(server.port()),
                            Integer.toString(sse),
                            Integer.toString(ws))
                    .redirectError(ProcessBuilder.Redirect.INHERIT)
                    .start();
            BufferedReader out = new BufferedReader(new InputStreamReader(clients.getInputStream()));
            String line;
            while ((line = out.readLine()) != null && !line.equals("READY")) System.out.println(line);
            Phase loaded = write(baton, rate, seconds);
            clients.getOutputStream().close();
            String counts = out.readLine();
            String latency = out.readLine();
            clients.waitFor();
            long expected = loaded.events * (long) (sse + ws);
            long received = java.util.Arrays.stream(counts.substring(7).split(" "))
                    .mapToLong(Long::parseLong)
                    .sum();
            System.out.printf(
                    "with %d SSE + %d WebSocket clients: %d events in %.1f s (%.0f/s), server CPU %.1f%% of one core%n",
                    sse,
                    ws,
                    loaded.events,
                    loaded.wallSeconds,
                    loaded.events / loaded.wallSeconds,
                    loaded.cpuPercent());
            System.out.printf("deliveries: %d of %d expected%n", received, expected);
            System.out.println(latency);
            System.out.printf(
                    "load average at the end: %.2f%n",
                    ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
            server.close();
        }
    }

    record Phase(long events, double wallSeconds, double cpuSeconds) {
        double cpuPercent() {
            return 100 * cpuSeconds / wallSeconds;
        }
    }

    /** Writes {@code rate} events a second for {@code seconds}, one event per transaction, on a fixed schedule. */
    static Phase write(Baton baton, int rate, int seconds) {
        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long cpu0 = os.getProcessCpuTime();
        long start = System.nanoTime();
        long interval = 1_000_000_000L / rate;
        long total = (long) rate * seconds;
        for (long i = 0; i < total; i++) {
            long due = start + i * interval;
            long wait = due - System.nanoTime();
            if (wait > 0) java.util.concurrent.locks.LockSupport.parkNanos(wait);
            baton.recorder()
                    .apply(dev.baton.store.Changes.builder()
                            .event(Event.of(
                                    Instant.now(),
                                    null,
                                    null,
                                    "bench.tick",
                                    Map.of("seq", i, "sent_nanos", System.nanoTime())))
                            .build());
        }
        double wall = (System.nanoTime() - start) / 1e9;
        return new Phase(total, wall, (os.getProcessCpuTime() - cpu0) / 1e9);
    }
}
