package dev.baton.route;

import dev.baton.core.TaskSpec;
import java.util.Set;

/**
 * What the router needs to know about a task.
 *
 * @param type its type; {@link TaskSpec#SHELL_TYPE} marks a command line
 * @param requires capabilities the agent must have
 * @param preferredAgent the agent it should go to when that one can take it (the task's own choice,
 *     or on a retry the agent it had), or null
 * @param namedAgent the agent the task itself names, or null: only a task sent to it by name (or a
 *     shell task) may go to an agent of the command kind
 */
public record RouteRequest(String type, Set<String> requires, String preferredAgent, String namedAgent) {
    public RouteRequest {
        requires = Set.copyOf(requires);
    }

    /** A request whose preferred agent is the one the task names. */
    public RouteRequest(String type, Set<String> requires, String preferredAgent) {
        this(type, requires, preferredAgent, preferredAgent);
    }

    boolean isShell() {
        return TaskSpec.SHELL_TYPE.equals(type);
    }
}
