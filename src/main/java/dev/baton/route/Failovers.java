package dev.baton.route;

import dev.baton.core.FailureReason;
import dev.baton.core.Run;
import dev.baton.core.RunStatus;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Which failures move a task to another agent (the agent could not work, through no fault of the
 * task: a rate limit or quota, missing credentials, a missing or broken binary), and which agents a
 * task has already left that way. Stateless.
 */
final class Failovers {
    static final Set<FailureReason> REASONS = EnumSet.of(
            FailureReason.RATE_LIMITED,
            FailureReason.AUTH_MISSING,
            FailureReason.BINARY_MISSING,
            FailureReason.AGENT_CRASHED,
            FailureReason.NO_AGENT);

    private Failovers() {}

    static boolean failsOver(FailureReason reason) {
        return reason != null && REASONS.contains(reason);
    }

    /** Runs of the task that ended for a failover reason, oldest first. */
    static List<Run> hops(List<Run> runs) {
        return runs.stream()
                .filter(r -> r.status() == RunStatus.FAILED && failsOver(r.failureReason()))
                .toList();
    }

    /**
     * Agents the task has left for a reason of the agent's own. Routing avoids them for this task
     * while another agent can take it, and goes back to them when none can.
     */
    static Set<String> leftBehind(List<Run> runs) {
        Set<String> agents = new LinkedHashSet<>();
        for (Run r : hops(runs)) agents.add(r.agent());
        return agents;
    }
}
