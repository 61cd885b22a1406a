package dev.baton.agent.llm;

import dev.baton.core.AgentUnavailableException;
import dev.baton.core.FailureReason;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import java.util.Map;

/**
 * One question to an LLM API, answered in this process: for Baton's own short calls (planning) that
 * a human waits for, as opposed to agent runs, which go through {@link LlmApiMain} in a process of
 * their own. Stateless.
 */
public final class LlmQuestion {
    private LlmQuestion() {}

    /**
     * Asks and returns the answer's text.
     *
     * @param env the agent's environment (its profile env over Baton's), which holds the settings
     * @throws AgentUnavailableException when the settings are incomplete or the call fails
     */
    public static String ask(Map<String, String> env, String system, String question) {
        LlmSettings settings = LlmSettings.from(env);
        settings.problem(env).ifPresent(problem -> {
            throw new AgentUnavailableException(FailureReason.AUTH_MISSING, problem);
        });
        try {
            return LlmApiMain.model(settings, env)
                    .chat(SystemMessage.from(system), UserMessage.from(question))
                    .aiMessage()
                    .text();
        } catch (RuntimeException e) {
            Map<String, Object> error = LlmApiMain.error(e);
            FailureReason reason =
                    switch (String.valueOf(error.get("kind"))) {
                        case "rate_limit" -> FailureReason.RATE_LIMITED;
                        case "auth" -> FailureReason.AUTH_MISSING;
                        default -> FailureReason.API_ERROR;
                    };
            throw new AgentUnavailableException(
                    reason, "the " + settings.provider() + " API call failed: " + error.get("message"));
        }
    }
}
