package dev.baton.store;

/** Sums of ledger rows: runs, messages, tokens and cost. */
public record UsageTotals(
        long runs, long messages, long inputTokens, long outputTokens, long cachedTokens, double costUsd) {
    public static final UsageTotals NONE = new UsageTotals(0, 0, 0, 0, 0, 0);

    /** The sums of both. */
    public UsageTotals plus(UsageTotals other) {
        return new UsageTotals(
                runs + other.runs,
                messages + other.messages,
                inputTokens + other.inputTokens,
                outputTokens + other.outputTokens,
                cachedTokens + other.cachedTokens,
                costUsd + other.costUsd);
    }

    public long tokens() {
        return inputTokens + outputTokens;
    }
}
