package dev.baton.core;

import java.util.Arrays;
import java.util.Locale;

/** What a person is asked to decide. */
public enum DecisionKind {
    /** May the task start at all (requiresApproval, manual autonomy, a manual agent)? */
    APPROVE_START,
    /** May an agent use a tool (a permission question from the agent itself)? */
    TOOL_PERMISSION,
    /** May the command agent run a command the command policy calls risky? */
    RISKY_COMMAND,
    /** May a verified branch be merged into its base branch? */
    MERGE,
    /** A merge conflicted or its verify went red; approving asks an agent to resolve it. */
    CONFLICT,
    /** A plan the planner is not sure of. */
    LOW_CONFIDENCE_PLAN;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** True for the kinds that hold a task in waiting-approval until they are answered. */
    public boolean gatesStart() {
        return this == APPROVE_START || this == RISKY_COMMAND;
    }

    public static DecisionKind fromWire(String name) {
        return Arrays.stream(values())
                .filter(k -> k.wireName().equals(name))
                .findFirst()
                .orElseThrow(() -> new InvalidInputException("unknown decision kind '" + name + "'; expected one of "
                        + Arrays.stream(values()).map(DecisionKind::wireName).toList()));
    }
}
