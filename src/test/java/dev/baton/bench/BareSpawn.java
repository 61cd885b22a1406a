package dev.baton.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The baselines: processes started straight from Java with {@link ProcessBuilder}, one after another. */
final class BareSpawn {
    private BareSpawn() {}

    /** Starts {@code true} {@code count} times, waiting for each; returns processes per second. */
    static double trueLoopRate(int count) throws IOException, InterruptedException {
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            new ProcessBuilder("true").start().waitFor();
        }
        return count / ((System.nanoTime() - start) / 1e9);
    }

    /**
     * Time from calling {@code ProcessBuilder.start()} to the first command of a bash child, which
     * writes its {@code $EPOCHREALTIME} to a file: the same measuring command Baton's agent runs.
     */
    static Samples startLatency(Path dir, int warmUp, int count) throws IOException, InterruptedException {
        long[] micros = new long[count];
        for (int i = 0; i < warmUp + count; i++) {
            long sample = startLatencyMicros(dir.resolve("bare-" + i));
            if (i >= warmUp) micros[i - warmUp] = sample;
        }
        return new Samples(micros);
    }

    /** One spawn: from {@code start()} to the child's first command, which writes to {@code stamp}; µs. */
    static long startLatencyMicros(Path stamp) throws IOException, InterruptedException {
        long before = Machine.nowMicros();
        int code = new ProcessBuilder(List.of("bash", "-c", stampCommand(stamp)))
                .start()
                .waitFor();
        if (code != 0) throw new IllegalStateException("the stamping command failed with exit code " + code);
        return Machine.parseEpochRealtime(Files.readString(stamp)) - before;
    }

    /** The shell command that writes the moment it runs (CLOCK_REALTIME, microseconds) to {@code stamp}. */
    static String stampCommand(Path stamp) {
        return "printf %s \"$EPOCHREALTIME\" > '" + stamp + "'";
    }
}
