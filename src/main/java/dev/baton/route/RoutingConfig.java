package dev.baton.route;

import java.util.Map;

/**
 * How the engine routes and fails over.
 *
 * @param maxFailovers how many times a task may move to another agent after an agent failed it
 *     (rate limit, quota, credentials, a broken agent)
 * @param capacity the warn and stop thresholds on each agent's daily plan
 * @param plans each agent's daily limits and cost tier; an agent without one has no limits
 */
public record RoutingConfig(int maxFailovers, Capacity capacity, Map<String, AgentPlan> plans) {
    public RoutingConfig {
        if (maxFailovers < 0 || maxFailovers > 20) {
            throw new IllegalArgumentException("max_failovers must be between 0 and 20, not " + maxFailovers);
        }
        plans = Map.copyOf(plans);
    }

    public static RoutingConfig defaults() {
        return new RoutingConfig(3, Capacity.standard(), Map.of());
    }

    public RoutingConfig withPlans(Map<String, AgentPlan> value) {
        return new RoutingConfig(maxFailovers, capacity, value);
    }

    public RoutingConfig withMaxFailovers(int value) {
        return new RoutingConfig(value, capacity, plans);
    }

    public RoutingConfig withCapacity(Capacity value) {
        return new RoutingConfig(maxFailovers, value, plans);
    }
}
