package dev.baton.route;

/**
 * What is known of how an agent did on one task type: successes, failures, and the totals of
 * duration and cost, from which averages follow. Immutable.
 */
public record Outcomes(int successes, int failures, long totalMillis, double totalCostUsd) {
    public static final Outcomes NONE = new Outcomes(0, 0, 0, 0);

    public int total() {
        return successes + failures;
    }

    public Outcomes plus(boolean success, long millis, double costUsd) {
        return new Outcomes(
                successes + (success ? 1 : 0),
                failures + (success ? 0 : 1),
                totalMillis + millis,
                totalCostUsd + costUsd);
    }
}
