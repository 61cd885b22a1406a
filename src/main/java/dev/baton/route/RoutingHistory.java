package dev.baton.route;

/** How agents did before, per task type and agent. */
@FunctionalInterface
public interface RoutingHistory {
    Outcomes of(String taskType, String agent);
}
