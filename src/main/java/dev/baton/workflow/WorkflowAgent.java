package dev.baton.workflow;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * An agent as a workflow names it. At run time it becomes a Baton agent: the agent of the same name
 * when there is one (or the one named by {@code type}), otherwise any agent with all of the
 * capabilities.
 *
 * @param id how tasks refer to it
 * @param type a free word ({@code specialist}, {@code worker}) or the name of a Baton agent
 * @param capabilities what the agent must be able to do
 */
public record WorkflowAgent(String id, String type, Set<String> capabilities) {
    public WorkflowAgent {
        Names.check(id, Where.agent(id, "id"));
        type = type == null || type.isBlank() ? null : type.strip();
        capabilities = Set.copyOf(new LinkedHashSet<>(capabilities == null ? Set.of() : capabilities));
    }
}
