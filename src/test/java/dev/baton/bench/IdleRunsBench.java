package dev.baton.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Many long-running runs at once: the engine runs in a JVM of its own ({@link IdleRunsEngine},
 * started with the flags of the {@code baton} launcher), whose resident memory and CPU time are
 * read from /proc over a window, first with no work (the baseline), then while {@code count}
 * {@code sleep} runs are live.
 */
final class IdleRunsBench {
    /**
     * The memory flags of the {@code ./baton} launcher (a test checks they are still there): the
     * serial collector, and a small initial heap that grows on demand, because the young generation
     * of the default initial heap (1/64 of RAM) is touched in full between collections.
     */
    static final List<String> LAUNCHER_FLAGS = List.of("-XX:+UseSerialGC", "-Xms32m");

    record Window(double seconds, long rssKbMax, long rssKbEnd, double cpuPercent, long threads) {}

    record Result(Window idle, Window loaded, double secondsToStart) {}

    private IdleRunsBench() {}

    static Result measure(Path home, int count, int windowSeconds, int settleSeconds)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(LAUNCHER_FLAGS);
        String extra = System.getProperty("bench.engineJvmFlags", "").strip();
        if (!extra.isEmpty()) command.addAll(List.of(extra.split("\\s+")));
        command.addAll(List.of(
                "--enable-native-access=ALL-UNNAMED",
                "-cp",
                System.getProperty("java.class.path"),
                IdleRunsEngine.class.getName(),
                home.toString(),
                Integer.toString(count),
                "600"));
        Process child = new ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        try (BufferedReader out =
                        new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
                Writer in = new OutputStreamWriter(child.getOutputStream(), StandardCharsets.UTF_8)) {
            String idle = expect(out, "IDLE");
            long pid = child.pid();
            if (Long.parseLong(idle.split(" ")[1]) != pid) throw new IllegalStateException("unexpected pid: " + idle);
            Thread.sleep(settleSeconds * 1000L);
            Window idleWindow = sample(pid, windowSeconds);
            in.write("GO\n");
            in.flush();
            String ready = expect(out, "READY");
            double toStart = Double.parseDouble(ready.split(" ")[1]);
            Thread.sleep(settleSeconds * 1000L);
            Window loaded = sample(pid, windowSeconds);
            in.close();
            if (child.waitFor() != 0) throw new IllegalStateException("the engine JVM failed");
            return new Result(idleWindow, loaded, toStart);
        } finally {
            child.destroyForcibly();
        }
    }

    private static String expect(BufferedReader out, String prefix) throws IOException {
        String line;
        while ((line = out.readLine()) != null) {
            if (line.startsWith(prefix)) return line;
            System.out.println("  engine: " + line);
        }
        throw new IllegalStateException("the engine JVM ended before printing " + prefix);
    }

    /** Samples RSS every second and CPU time over {@code seconds}. */
    private static Window sample(long pid, int seconds) throws IOException, InterruptedException {
        long startTicks = Machine.cpuTicks(pid);
        long start = System.nanoTime();
        long rssMax = Machine.rssKb(pid);
        for (int i = 0; i < seconds; i++) {
            Thread.sleep(1000);
            rssMax = Math.max(rssMax, Machine.rssKb(pid));
        }
        long ticks = Machine.cpuTicks(pid) - startTicks;
        double wall = (System.nanoTime() - start) / 1e9;
        double cpu = 100.0 * ticks / Machine.CLOCK_TICKS / wall;
        return new Window(wall, rssMax, Machine.rssKb(pid), cpu, Machine.threads(pid));
    }
}
