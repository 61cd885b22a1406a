package dev.baton.engine;

import dev.baton.agent.AgentRegistry;
import dev.baton.core.AgentProfile;
import dev.baton.core.Task;
import java.util.Map;
import java.util.Optional;

/**
 * Picks the agent for a task: the one the task names, else the first registered agent with the
 * capabilities it requires and a free slot. Says why, so the choice can be shown on the task.
 * Stateless; the learning router replaces it.
 */
final class AgentChooser {
    private final AgentRegistry agents;

    AgentChooser(AgentRegistry agents) {
        this.agents = agents;
    }

    /** A choice, or the reason no agent can take the task now. */
    record Choice(AgentProfile agent, String why, boolean permanentlyImpossible) {}

    Choice choose(Task task, Map<String, Integer> busy) {
        String named = task.agent() != null ? task.agent() : task.spec().preferredAgent();
        if (named != null) {
            Optional<AgentProfile> profile = agents.find(named);
            if (profile.isEmpty()) {
                return new Choice(null, "agent '" + named + "' is not registered", true);
            }
            if (busy.getOrDefault(named, 0) >= profile.get().concurrency()) {
                return new Choice(null, named + " is at its concurrency limit", false);
            }
            return new Choice(profile.get(), named + ": named by the task", false);
        }
        boolean anyCapable = false;
        for (AgentProfile profile : agents.profiles()) {
            if (!profile.can(task.spec().requires())) continue;
            anyCapable = true;
            if (busy.getOrDefault(profile.name(), 0) < profile.concurrency()) {
                String why = task.spec().requires().isEmpty()
                        ? profile.name() + ": first available agent"
                        : profile.name() + ": has "
                                + String.join(", ", task.spec().requires());
                return new Choice(profile, why, false);
            }
        }
        return anyCapable
                ? new Choice(null, "every capable agent is busy", false)
                : new Choice(null, "no registered agent has " + task.spec().requires(), true);
    }
}
