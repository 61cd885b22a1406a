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
 * @param env variables the agent gets as written (a registration file's {@code env})
 * @param safety how far the agent is trusted (see {@link SafetyTier}); supervised when not given
 * @param envPassthrough names (or globs, {@code AWS_*}) of Baton's environment variables this agent
 *     gets beyond the base every agent gets and its kind's defaults ({@code env_passthrough})
 * @param authLocation where its credential is ({@code auth.config_location}): a file of {@code
 *     KEY=value} lines or holding the key alone, or a variable's name ({@code $VAR} or {@code VAR});
 *     read when a run starts and given to this agent only. Null when not declared
 */
public record AgentProfile(
        String name,
        String kind,
        Set<String> capabilities,
        int concurrency,
        List<String> command,
        Map<String, String> env,
        SafetyTier safety,
        List<String> envPassthrough,
        String authLocation) {

    /** A profile with no passthrough and no credential location. */
    public AgentProfile(
            String name,
            String kind,
            Set<String> capabilities,
            int concurrency,
            List<String> command,
            Map<String, String> env,
            SafetyTier safety) {
        this(name, kind, capabilities, concurrency, command, env, safety, List.of(), null);
    }

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
        envPassthrough = List.copyOf(envPassthrough == null ? List.of() : envPassthrough);
        if (authLocation != null && authLocation.isBlank()) authLocation = null;
    }

    public AgentProfile withSafety(SafetyTier tier) {
        return new AgentProfile(
                name, kind, capabilities, concurrency, command, env, tier, envPassthrough, authLocation);
    }

    /** This profile with these passthrough names and credential location. */
    public AgentProfile withEnvironmentAccess(List<String> passthrough, String location) {
        return new AgentProfile(name, kind, capabilities, concurrency, command, env, safety, passthrough, location);
    }

    public boolean can(Set<String> required) {
        return capabilities.containsAll(required);
    }
}
