package dev.baton.agent;

import java.util.Comparator;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * List prices of common models, for agents that report tokens but no cost (Codex, opencode with
 * custom providers). US dollars per million tokens as the vendors published them (late 2025). A
 * model is matched by the longest known name its id starts with, after any {@code provider/}
 * prefix, so dated ids such as {@code gpt-5-2025-08-07} find their family. A model not in the table
 * gets a null cost rather than a guess. Prices change: this is an estimate for budgets and
 * statistics, not a bill. Immutable, thread-safe.
 */
public final class ModelPrices {

    /** Dollars per million tokens: fresh input, input read from a prompt cache, output. */
    public record Price(double input, double cachedInput, double output) {}

    private static final Map<String, Price> PRICES = Map.ofEntries(
            Map.entry("gpt-5", new Price(1.25, 0.125, 10.00)),
            Map.entry("gpt-5-codex", new Price(1.25, 0.125, 10.00)),
            Map.entry("gpt-5-mini", new Price(0.25, 0.025, 2.00)),
            Map.entry("gpt-5-nano", new Price(0.05, 0.005, 0.40)),
            Map.entry("gpt-5.1", new Price(1.25, 0.125, 10.00)),
            Map.entry("gpt-5.1-codex-mini", new Price(0.25, 0.025, 2.00)),
            Map.entry("gpt-5.2", new Price(1.75, 0.175, 14.00)),
            Map.entry("codex-mini-latest", new Price(1.50, 0.375, 6.00)),
            Map.entry("o3", new Price(2.00, 0.50, 8.00)),
            Map.entry("o4-mini", new Price(1.10, 0.275, 4.40)),
            Map.entry("gpt-4.1", new Price(2.00, 0.50, 8.00)),
            Map.entry("gpt-4.1-mini", new Price(0.40, 0.10, 1.60)),
            Map.entry("gpt-4.1-nano", new Price(0.10, 0.025, 0.40)),
            Map.entry("gpt-4o", new Price(2.50, 1.25, 10.00)),
            Map.entry("gpt-4o-mini", new Price(0.15, 0.075, 0.60)),
            Map.entry("claude-opus-4", new Price(15.00, 1.50, 75.00)),
            Map.entry("claude-sonnet-4", new Price(3.00, 0.30, 15.00)),
            Map.entry("claude-3-7-sonnet", new Price(3.00, 0.30, 15.00)),
            Map.entry("claude-3-5-haiku", new Price(0.80, 0.08, 4.00)),
            Map.entry("claude-haiku-4", new Price(1.00, 0.10, 5.00)),
            Map.entry("gemini-2.5-pro", new Price(1.25, 0.31, 10.00)),
            Map.entry("gemini-2.5-flash", new Price(0.30, 0.075, 2.50)));

    private ModelPrices() {}

    /** The price of a model, or empty when it is not in the table (or null). */
    public static Optional<Price> of(String model) {
        if (model == null || model.isBlank()) return Optional.empty();
        String id = model.strip().toLowerCase(Locale.ROOT);
        String name = id.substring(id.lastIndexOf('/') + 1);
        return PRICES.keySet().stream()
                .filter(known -> name.equals(known) || name.startsWith(known + "-") || name.startsWith(known + "."))
                .max(Comparator.comparingInt(String::length))
                .map(PRICES::get);
    }

    /**
     * The cost when input is counted as OpenAI counts it: cached tokens included in the input.
     *
     * @return dollars, or null when the model's price is unknown
     */
    public static Double cost(String model, long inputTokens, long cachedTokens, long outputTokens) {
        long cached = Math.min(cachedTokens, inputTokens);
        return costOfFreshInput(model, inputTokens - cached, outputTokens, cached);
    }

    /**
     * The cost when fresh input and cache reads are counted apart (as opencode reports them).
     *
     * @return dollars, or null when the model's price is unknown
     */
    public static Double costOfFreshInput(String model, long freshInput, long outputTokens, long cachedTokens) {
        return of(model)
                .map(p -> (freshInput * p.input() + cachedTokens * p.cachedInput() + outputTokens * p.output())
                        / 1_000_000.0)
                .orElse(null);
    }
}
