package dev.baton.agent;

import java.util.List;

/** Every adapter this Baton has, one per agent kind. */
public final class Adapters {
    private Adapters() {}

    public static List<AgentAdapter> all() {
        return List.of(
                new CommandAgent(),
                new ClaudeCodeAgent(),
                new CodexAgent(),
                new GeminiAgent(),
                new OpencodeAgent(),
                new dev.baton.agent.llm.LlmApiAgent());
    }
}
