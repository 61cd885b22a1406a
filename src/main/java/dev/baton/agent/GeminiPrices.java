package dev.baton.agent;

import java.util.Map;

/**
 * List prices of Gemini API models in US dollars per million tokens (paid tier, prompts up to 200k
 * tokens, as published by Google in 2025). The Gemini CLI reports tokens only, so Baton prices them
 * here. A model not listed has no known price: its cost stays unknown rather than guessed. Immutable.
 */
final class GeminiPrices {

    /** Dollars per million input, output and cached-input tokens. */
    record Price(double input, double output, double cachedInput) {
        double cost(long inputTokens, long outputTokens, long cachedTokens) {
            long uncached = Math.max(0, inputTokens - cachedTokens);
            return (uncached * input + cachedTokens * cachedInput + outputTokens * output) / 1_000_000d;
        }
    }

    private static final Map<String, Price> PRICES = Map.of(
            "gemini-2.5-pro", new Price(1.25, 10.00, 0.125),
            "gemini-2.5-flash", new Price(0.30, 2.50, 0.03),
            "gemini-2.5-flash-lite", new Price(0.10, 0.40, 0.01),
            "gemini-2.0-flash", new Price(0.10, 0.40, 0.025),
            "gemini-2.0-flash-lite", new Price(0.075, 0.30, 0.075));

    private GeminiPrices() {}

    /**
     * The cost of the tokens for {@code model} ({@code inputTokens} includes the cached ones, as
     * the API counts them), or null when the model's price is unknown.
     */
    static Double cost(String model, long inputTokens, long outputTokens, long cachedTokens) {
        if (model == null) return null;
        Price price = PRICES.get(model.startsWith("models/") ? model.substring("models/".length()) : model);
        return price == null ? null : price.cost(inputTokens, outputTokens, cachedTokens);
    }
}
