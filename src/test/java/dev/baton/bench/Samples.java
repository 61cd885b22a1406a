package dev.baton.bench;

import java.util.Arrays;

/** Measured durations in microseconds, with nearest-rank percentiles. */
record Samples(long[] micros) {
    Samples {
        micros = micros.clone();
        Arrays.sort(micros);
    }

    /** The nearest-rank percentile, in milliseconds. */
    double percentileMillis(double p) {
        if (micros.length == 0) throw new IllegalStateException("no samples");
        int rank = (int) Math.ceil(p / 100.0 * micros.length);
        return micros[Math.max(0, Math.min(micros.length - 1, rank - 1))] / 1000.0;
    }

    int count() {
        return micros.length;
    }
}
