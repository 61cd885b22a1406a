package dev.baton.route;

/** Event types of routing, failover, capacity and schedules (beside {@link dev.baton.core.EventTypes}). */
public final class RoutingEvents {
    /** A queued task no agent can take now; data: why. Written when the reason changes. */
    public static final String TASK_HELD = "task.held";
    /** A failed run moves its task to another agent; data: from, to, reason, hop, max. */
    public static final String TASK_FAILOVER = "task.failover";
    /** An agent passed the warn threshold of its daily plan; data: agent, warning. Once a day. */
    public static final String AGENT_CAPACITY_WARNING = "agent.capacity_warning";
    /** An agent is rate-limited; data: agent, until, detail. */
    public static final String AGENT_RATE_LIMITED = "agent.rate_limited";
    /** A schedule added its task; data: schedule, cron. */
    public static final String SCHEDULE_FIRED = "schedule.fired";

    private RoutingEvents() {}
}
