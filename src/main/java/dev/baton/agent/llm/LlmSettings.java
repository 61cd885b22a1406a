package dev.baton.agent.llm;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Which LLM API an {@code llm-api} agent calls, read from its environment (the profile's {@code env}
 * plus Baton's own): {@code BATON_LLM_PROVIDER} (anthropic, openai, gemini, ollama),
 * {@code BATON_LLM_MODEL}, {@code BATON_LLM_BASE_URL} (any OpenAI-compatible server, a gateway) and
 * {@code BATON_LLM_API_KEY_ENV}, the name of the variable holding the key (default per provider).
 */
public record LlmSettings(String provider, String model, String baseUrl, String apiKeyEnv) {
    public static final String PROVIDER = "BATON_LLM_PROVIDER";
    public static final String MODEL = "BATON_LLM_MODEL";
    public static final String BASE_URL = "BATON_LLM_BASE_URL";
    public static final String API_KEY_ENV = "BATON_LLM_API_KEY_ENV";

    private static final Map<String, String> DEFAULT_KEYS =
            Map.of("anthropic", "ANTHROPIC_API_KEY", "openai", "OPENAI_API_KEY", "gemini", "GEMINI_API_KEY");
    private static final Map<String, String> DEFAULT_MODELS = Map.of(
            "anthropic",
            "claude-sonnet-4-5",
            "openai",
            "gpt-4.1-mini",
            "gemini",
            "gemini-2.5-flash",
            "ollama",
            "llama3.1");

    public static LlmSettings from(Map<String, String> env) {
        String provider = env.getOrDefault(PROVIDER, "anthropic").strip().toLowerCase(Locale.ROOT);
        String model = env.getOrDefault(MODEL, DEFAULT_MODELS.getOrDefault(provider, ""));
        String keyEnv = env.getOrDefault(API_KEY_ENV, DEFAULT_KEYS.get(provider));
        return new LlmSettings(provider, model, env.get(BASE_URL), keyEnv);
    }

    /** What is wrong with the settings or the environment, or empty when a call can be made. */
    public Optional<String> problem(Map<String, String> env) {
        if (!java.util.List.of("anthropic", "openai", "gemini", "ollama").contains(provider)) {
            return Optional.of(PROVIDER + "=" + provider + " is not supported; use anthropic, openai, gemini or ollama"
                    + " (openai with " + BASE_URL + " for any OpenAI-compatible server such as DeepSeek)");
        }
        if (model == null || model.isBlank()) {
            return Optional.of("set " + MODEL + " in the agent's env");
        }
        if (apiKeyEnv != null
                && (env.get(apiKeyEnv) == null || env.get(apiKeyEnv).isBlank())) {
            return Optional.of(
                    "set " + apiKeyEnv + " in Baton's environment (or name another variable with " + API_KEY_ENV + ")");
        }
        return Optional.empty();
    }
}
