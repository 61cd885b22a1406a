package dev.baton.engine;

import dev.baton.agent.AgentHealth;
import dev.baton.agent.AgentRegistry;
import dev.baton.core.AgentProfile;
import dev.baton.core.FailureReason;
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
    private final Map<String, AgentHealth> health;

    /** @param health known health per agent name; an agent not in it counts as available */
    AgentChooser(AgentRegistry agents, Map<String, AgentHealth> health) {
        this.agents = agents;
        this.health = Map.copyOf(health);
    }

    /**
     * A choice, or the reason no agent can take the task now.
     *
     * @param failure when no agent will ever do: the failure the task gets
     */
    record Choice(AgentProfile agent, String why, FailureReason failure) {
        boolean permanentlyImpossible() {
            return failure != null;
        }
    }

    private boolean usable(String name) {
        AgentHealth h = health.get(name);
        return h == null || h.usable();
    }

    Choice choose(Task task, Map<String, Integer> busy) {
        String named = task.agent() != null ? task.agent() : task.spec().preferredAgent();
        if (named != null) {
            Optional<AgentProfile> profile = agents.find(named);
            if (profile.isEmpty()) {
                return new Choice(null, "agent '" + named + "' is not registered", FailureReason.NO_AGENT);
            }
            if (!usable(named)) {
                AgentHealth h = health.get(named);
                return new Choice(
                        null,
                        named + " is " + h.status().wireName() + ": " + h.reason()
                                + (h.fix() == null ? "" : "; " + h.fix()),
                        h.failure() != null ? h.failure() : FailureReason.NO_AGENT);
            }
            if (busy.getOrDefault(named, 0) >= profile.get().concurrency()) {
                return new Choice(null, named + " is at its concurrency limit", null);
            }
            return new Choice(profile.get(), named + ": named by the task", null);
        }
        boolean anyCapable = false;
        for (AgentProfile profile : agents.profiles()) {
            if (!profile.can(task.spec().requires()) || !usable(profile.name())) continue;
            anyCapable = true;
            if (busy.getOrDefault(profile.name(), 0) < profile.concurrency()) {
                String why = task.spec().requires().isEmpty()
                        ? profile.name() + ": first available agent"
                        : profile.name() + ": has "
                                + String.join(", ", task.spec().requires());
                return new Choice(profile, why, null);
            }
        }
        return anyCapable
                ? new Choice(null, "every capable agent is busy", null)
                : new Choice(null, "no available agent has " + task.spec().requires(), FailureReason.NO_AGENT);
    }
}
