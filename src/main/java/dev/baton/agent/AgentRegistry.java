package dev.baton.agent;

import dev.baton.core.AgentProfile;
import dev.baton.core.InvalidInputException;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The agents Baton knows: each profile with the adapter that drives it. Immutable, thread-safe. */
public final class AgentRegistry {
    private final Map<String, AgentProfile> profiles;
    private final Map<String, AgentAdapter> adapters;

    private AgentRegistry(Map<String, AgentProfile> profiles, Map<String, AgentAdapter> adapters) {
        this.profiles = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(profiles));
        this.adapters = Map.copyOf(adapters);
    }

    /** A registry with the built-in command agent only. */
    public static AgentRegistry commandOnly(int concurrency) {
        return builder()
                .adapter(new CommandAgent())
                .profile(CommandAgent.defaultProfile(concurrency))
                .build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Collection<AgentProfile> profiles() {
        return profiles.values();
    }

    public Optional<AgentProfile> find(String name) {
        return Optional.ofNullable(profiles.get(name));
    }

    /** The profile, or an error that lists the agents there are. */
    public AgentProfile require(String name) {
        return find(name)
                .orElseThrow(() -> new InvalidInputException(
                        "unknown agent '" + name + "'; known agents: " + String.join(", ", profiles.keySet())));
    }

    public AgentAdapter adapterFor(AgentProfile profile) {
        AgentAdapter adapter = adapters.get(profile.kind());
        if (adapter == null) {
            throw new InvalidInputException(
                    "agent " + profile.name() + " is of kind '" + profile.kind() + "', which this Baton cannot drive");
        }
        return adapter;
    }

    /** Collects profiles and adapters; not thread-safe. */
    public static final class Builder {
        private final Map<String, AgentProfile> profiles = new LinkedHashMap<>();
        private final Map<String, AgentAdapter> adapters = new LinkedHashMap<>();

        public Builder profile(AgentProfile profile) {
            profiles.put(profile.name(), profile);
            return this;
        }

        public Builder adapter(AgentAdapter adapter) {
            adapters.put(adapter.kind(), adapter);
            return this;
        }

        public AgentRegistry build() {
            return new AgentRegistry(profiles, adapters);
        }
    }
}
