package dev.baton.bench;

import java.util.Arrays;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * A baseline and Baton measured in turns, round by round, and compared by their medians: one round
 * of either takes seconds, in which this machine's speed moves a lot.
 */
record AlternatingRounds(double[] baseline, double[] baton) {
    /** One round of one side; returns its rate. */
    @FunctionalInterface
    interface Round {
        double measure(int round) throws Exception;
    }

    /** Runs {@code rounds} rounds (an odd number), each the baseline's and then Baton's. */
    static AlternatingRounds run(int rounds, Round baseline, Round baton) throws Exception {
        double[] base = new double[rounds];
        double[] ours = new double[rounds];
        for (int round = 0; round < rounds; round++) {
            base[round] = baseline.measure(round);
            ours[round] = baton.measure(round);
        }
        return new AlternatingRounds(base, ours);
    }

    double baselineMedian() {
        return median(baseline);
    }

    double batonMedian() {
        return median(baton);
    }

    /** Every round as "baseline / Baton", each formatted with {@code format}. */
    String pairs(String format) {
        return IntStream.range(0, baseline.length)
                .mapToObj(i -> String.format(format + " / " + format, baseline[i], baton[i]))
                .collect(Collectors.joining(", "));
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
