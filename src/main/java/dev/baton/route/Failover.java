package dev.baton.route;

import dev.baton.core.FailureReason;
import dev.baton.core.Run;
import dev.baton.core.Task;
import java.time.Instant;
import java.util.Optional;

/**
 * Decides whether a failed run moves its task to another agent: the failure must be the agent's
 * (see {@link Failovers}), the task must have hops left, and another agent must be able to take it.
 * Thread-safe.
 */
public final class Failover {
    private final TaskRouter router;
    private final RoutingConfig config;

    public Failover(TaskRouter router, RoutingConfig config) {
        this.router = router;
        this.config = config;
    }

    /** A move to another agent: the agent the router would choose now, and the hop's number. */
    public record Hop(String to, int number, int max) {}

    public Optional<Hop> next(Task task, Run failed, FailureReason reason, Instant now, java.util.List<Run> runs) {
        if (!Failovers.failsOver(reason)) return Optional.empty();
        // Earlier hops: runs that failed for the agent's reason and were followed by another agent.
        int earlier = 0;
        for (int i = 0; i + 1 < runs.size(); i++) {
            Run run = runs.get(i);
            if (Failovers.failsOver(run.failureReason())
                    && !runs.get(i + 1).agent().equals(run.agent())) {
                earlier++;
            }
        }
        int number = earlier + 1;
        if (number > config.maxFailovers()) return Optional.empty();
        RoutingSnapshot snapshot = router.snapshot(now);
        return router.alternative(task, failed.agent(), snapshot).map(to -> new Hop(to, number, config.maxFailovers()));
    }
}
