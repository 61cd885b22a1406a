package dev.baton.agent;

import dev.baton.core.Usage;
import java.util.Comparator;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * List prices of common models, for agents that report tokens but no cost. A model is matched by the
 * longest known name its id starts with, after any {@code provider/} prefix, so dated ids such as
 * {@code claude-sonnet-4-20250514} find their family. Prices change: this table is an estimate for
 * budgets and statistics, not a bill. Immutable, thread-safe.
 */
public final class ModelPrices {

    /** US dollars per million tokens: fresh input, output, input read from a prompt cache. */
    public record Price(double input, double output, double cachedInput) {}

    private static final Map<String, Price> PRICES = Map.ofEntries(
            Map.entry("gpt-5", new Price(1.25, 10.00, 0.125)),
            Map.entry("gpt-5-mini", new Price(0.25, 2.00, 0.025)),
            Map.entry("gpt-5-nano", new Price(0.05, 0.40, 0.005)),
            Map.entry("gpt-4.1", new Price(2.00, 8.00, 0.50)),
            Map.entry("gpt-4.1-mini", new Price(0.40, 1.60, 0.10)),
            Map.entry("gpt-4.1-nano", new Price(0.10, 0.40, 0.025)),
            Map.entry("gpt-4o", new Price(2.50, 10.00, 1.25)),
            Map.entry("gpt-4o-mini", new Price(0.15, 0.60, 0.075)),
            Map.entry("o3", new Price(2.00, 8.00, 0.50)),
            Map.entry("o4-mini", new Price(1.10, 4.40, 0.275)),
            Map.entry("claude-opus-4", new Price(15.00, 75.00, 1.50)),
            Map.entry("claude-sonnet-4", new Price(3.00, 15.00, 0.30)),
            Map.entry("claude-3-7-sonnet", new Price(3.00, 15.00, 0.30)),
            Map.entry("claude-3-5-haiku", new Price(0.80, 4.00, 0.08)),
            Map.entry("claude-haiku-4", new Price(1.00, 5.00, 0.10)),
            Map.entry("gemini-2.5-pro", new Price(1.25, 10.00, 0.31)),
            Map.entry("gemini-2.5-flash", new Price(0.30, 2.50, 0.075)));

    private ModelPrices() {}

    /** The price of a model, or empty when it is not in the table (or null). */
    public static Optional<Price> of(String model) {
        if (model == null || model.isBlank()) return Optional.empty();
        String id = model.toLowerCase(Locale.ROOT);
        id = id.substring(id.lastIndexOf('/') + 1);
        String name = id;
        return PRICES.keySet().stream()
                .filter(known -> name.equals(known) || name.startsWith(known + "-") || name.startsWith(known + "."))
                .max(Comparator.comparingInt(String::length))
                .map(PRICES::get);
    }

    /** The cost of the tokens in US dollars, or null when the model's price is unknown. */
    public static Double costUsd(String model, long inputTokens, long outputTokens, long cachedTokens) {
        return of(model)
                .map(p -> (inputTokens * p.input() + outputTokens * p.output() + cachedTokens * p.cachedInput())
                        / 1_000_000.0)
                .orElse(null);
    }

    /** The usage with its cost filled in from the table when it has none. */
    public static Usage priced(String model, Usage usage) {
        if (usage.costUsd() != null) return usage;
        return new Usage(
                usage.inputTokens(),
                usage.outputTokens(),
                usage.cachedTokens(),
                costUsd(model, usage.inputTokens(), usage.outputTokens(), usage.cachedTokens()));
    }
}
