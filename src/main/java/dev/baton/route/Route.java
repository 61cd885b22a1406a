package dev.baton.route;

import java.util.List;

/**
 * The router's choice and why: {@code agent} is null when no agent can take the task now.
 *
 * @param explanation one readable line, e.g. "codex: claude-code rate-limited until 14:05; codex
 *     succeeded on 14 of 17 bug tasks"
 * @param excluded why each other agent was not chosen
 * @param waitNotFail true when an agent could take it later (busy, limited, out of quota for today)
 */
public record Route(String agent, String explanation, List<String> excluded, boolean waitNotFail) {
    public Route {
        excluded = List.copyOf(excluded);
    }
}
