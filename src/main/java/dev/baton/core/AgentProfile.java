package dev.baton.core;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A registered agent: what it is, what it can do and how many runs it may have at once.
 *
 * @param name the name tasks use ({@code --agent NAME})
 * @param kind which adapter drives it: {@code command}, {@code claude-code}, {@code codex}, ...
 * @param concurrency how many runs it may have at the same time
 * @param command for the command kind, the command template; otherwise the binary
 * @param env variables added to (or overriding) the environment Baton passes through
 * @param safety how far the agent is trusted (see {@link SafetyTier}); supervised when not given
 */
public record AgentProfile(
        String name,
        String kind,
        Set<String> capabilities,
        int concurrency,
        List<String> command,
        Map<String, String> env,
        SafetyTier safety) {

    /** A profile in the default safety tier. */
    public AgentProfile(
            String name,
            String kind,
            Set<String> capabilities,
            int concurrency,
            List<String> command,
            Map<String, String> env) {
        this(name, kind, capabilities, concurrency, command, env, SafetyTier.DEFAULT);
    }

    public AgentProfile {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        if (!name.matches("[a-z0-9][a-z0-9._-]{0,63}")) {
            throw new InvalidInputException(
                    "agent name '" + name + "' must be 1-64 lower-case letters, digits," + " '.', '_' or '-'");
        }
        if (concurrency < 1) {
            throw new InvalidInputException("agent " + name + ": concurrency must be at least 1");
        }
        capabilities = Set.copyOf(capabilities == null ? Set.of() : capabilities);
        command = List.copyOf(command == null ? List.of() : command);
        env = Map.copyOf(env == null ? Map.of() : env);
        safety = safety == null ? SafetyTier.DEFAULT : safety;
    }

    public AgentProfile withSafety(SafetyTier tier) {
        return new AgentProfile(name, kind, capabilities, concurrency, command, env, tier);
    }

    public boolean can(Set<String> required) {
        return capabilities.containsAll(required);
    }
}
