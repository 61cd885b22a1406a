package dev.baton.core;

/**
 * Tokens and cost of a run (or a part of one).
 *
 * @param cachedTokens input tokens served from a prompt cache
 * @param costUsd the cost in US dollars, or null when the agent reported none and no price is known
 */
public record Usage(long inputTokens, long outputTokens, long cachedTokens, Double costUsd) {
    public static final Usage NONE = new Usage(0, 0, 0, null);

    public Usage {
        if (inputTokens < 0 || outputTokens < 0 || cachedTokens < 0) {
            throw new IllegalArgumentException("token counts cannot be negative");
        }
    }

    public long totalTokens() {
        return inputTokens + outputTokens;
    }

    public Usage plus(Usage other) {
        Double cost = costUsd == null && other.costUsd == null
                ? null
                : (costUsd == null ? 0 : costUsd) + (other.costUsd == null ? 0 : other.costUsd);
        return new Usage(
                inputTokens + other.inputTokens,
                outputTokens + other.outputTokens,
                cachedTokens + other.cachedTokens,
                cost);
    }
}
