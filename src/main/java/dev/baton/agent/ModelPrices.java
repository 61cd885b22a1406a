package dev.baton.agent;

import java.util.Locale;
import java.util.Map;

/**
 * List prices of the models whose CLIs report tokens but not dollars, so Baton can put a cost on a
 * run. Prices are US dollars per million tokens as published by the model vendors (late 2025); a
 * model not in the table has no known price and its runs get a null cost rather than a guess.
 * Immutable, thread-safe.
 */
public final class ModelPrices {

    /**
     * Dollars per million tokens.
     *
     * @param cachedInput the price of input tokens served from the prompt cache
     */
    public record Price(double input, double cachedInput, double output) {}

    private static final Map<String, Price> PRICES = Map.ofEntries(
            Map.entry("gpt-5", new Price(1.25, 0.125, 10.00)),
            Map.entry("gpt-5-codex", new Price(1.25, 0.125, 10.00)),
            Map.entry("gpt-5-mini", new Price(0.25, 0.025, 2.00)),
            Map.entry("gpt-5-nano", new Price(0.05, 0.005, 0.40)),
            Map.entry("gpt-5.1", new Price(1.25, 0.125, 10.00)),
            Map.entry("gpt-5.1-codex", new Price(1.25, 0.125, 10.00)),
            Map.entry("gpt-5.1-codex-max", new Price(1.25, 0.125, 10.00)),
            Map.entry("gpt-5.1-codex-mini", new Price(0.25, 0.025, 2.00)),
            Map.entry("gpt-5.2", new Price(1.75, 0.175, 14.00)),
            Map.entry("gpt-5.2-codex", new Price(1.75, 0.175, 14.00)),
            Map.entry("codex-mini-latest", new Price(1.50, 0.375, 6.00)),
            Map.entry("o3", new Price(2.00, 0.50, 8.00)),
            Map.entry("o4-mini", new Price(1.10, 0.275, 4.40)),
            Map.entry("gpt-4.1", new Price(2.00, 0.50, 8.00)),
            Map.entry("gpt-4.1-mini", new Price(0.40, 0.10, 1.60)),
            Map.entry("gpt-4o", new Price(2.50, 1.25, 10.00)),
            Map.entry("gpt-4o-mini", new Price(0.15, 0.075, 0.60)));

    private ModelPrices() {}

    /**
     * The price of a model, matching snapshot names ({@code gpt-5-2025-08-07}) and provider prefixes
     * ({@code openai/gpt-5}) to the model they name; null when unknown.
     */
    public static Price of(String model) {
        if (model == null || model.isBlank()) return null;
        String name = model.strip().toLowerCase(Locale.ROOT);
        name = name.substring(name.lastIndexOf('/') + 1);
        Price price = PRICES.get(name);
        if (price != null) return price;
        return PRICES.get(name.replaceFirst("-\\d{4}-\\d{2}-\\d{2}$", ""));
    }

    /**
     * The cost of a model's tokens, or null when the model's price is unknown.
     *
     * @param inputTokens all input tokens, cached ones included (as OpenAI counts them)
     * @param cachedTokens the part of the input served from the cache
     * @param outputTokens output tokens, reasoning included
     */
    public static Double cost(String model, long inputTokens, long cachedTokens, long outputTokens) {
        Price price = of(model);
        if (price == null) return null;
        long cached = Math.min(cachedTokens, inputTokens);
        return ((inputTokens - cached) * price.input() + cached * price.cachedInput() + outputTokens * price.output())
                / 1_000_000.0;
    }
}
