package dev.baton.agent;

import dev.baton.core.AgentLimits;
import dev.baton.core.AgentProfile;

/**
 * An agent as it was registered: its profile, and what the registration file says about it for
 * people and for routing.
 *
 * @param type {@code llm}, {@code tool} or {@code service}
 * @param declaredStatus {@code available}, {@code limited} or {@code offline} as the file says
 * @param authMethod {@code api_key}, {@code oauth}, {@code none}, or null when not declared
 * @param authLocation the name of the environment variable or the path of the file holding the
 *     credential (never the credential itself)
 * @param source where it came from: a file path, or {@code found on PATH}
 */
public record AgentRegistration(
        AgentProfile profile,
        String type,
        String declaredStatus,
        AgentLimits limits,
        String authMethod,
        String authLocation,
        String bestFor,
        String limitations,
        String source) {

    public String name() {
        return profile.name();
    }
}
