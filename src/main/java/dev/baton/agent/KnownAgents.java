package dev.baton.agent;

import java.util.List;
import java.util.Map;
import java.util.Set;

/** The agent kinds Baton can drive, the binaries it looks for on PATH, and how to install them. */
public final class KnownAgents {
    public static final Set<String> CODING_CAPABILITIES = Set.of("code_execution", "file_access");

    /** Kind → binary name, for the coding CLIs found by looking on PATH. */
    public static final Map<String, String> BINARIES = Map.of(
            "claude-code", "claude",
            "codex", "codex",
            "gemini", "gemini",
            "opencode", "opencode");

    /** Kind → how to install it. */
    public static final Map<String, String> INSTALL = Map.of(
            "claude-code", "npm install -g @anthropic-ai/claude-code",
            "codex", "npm install -g @openai/codex",
            "gemini", "npm install -g @google/gemini-cli",
            "opencode", "npm install -g opencode-ai");

    public static final List<String> KINDS =
            List.of("command", "claude-code", "codex", "gemini", "opencode", "llm-api");

    /** What an llm-api agent is good for when its file does not say. */
    public static final Set<String> LLM_CAPABILITIES = Set.of("analysis", "research", "quick_queries", "planning");

    private KnownAgents() {}

    public static boolean isKnownKind(String kind) {
        return KINDS.contains(kind);
    }
}
