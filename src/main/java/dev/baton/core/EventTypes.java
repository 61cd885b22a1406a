package dev.baton.core;

/** The event type names Baton writes. */
public final class EventTypes {
    public static final String TASK_CREATED = "task.created";
    public static final String TASK_STATUS = "task.status";
    public static final String TASK_ROUTED = "task.routed";
    public static final String TASK_COMPLETED = "task.completed";
    public static final String TASK_FAILED = "task.failed";
    public static final String TASK_CANCELLED = "task.cancelled";
    public static final String TASK_RETRYING = "task.retrying";
    public static final String RUN_STARTED = "run.started";
    public static final String RUN_OUTPUT = "run.output";
    public static final String RUN_FINISHED = "run.finished";
    public static final String RUN_RECONCILED = "run.reconciled";
    public static final String WORKSPACE_READY = "workspace.ready";
    public static final String WORKSPACE_COMMITTED = "workspace.committed";

    public static final String DECISION_NEEDED = "decision.needed";
    public static final String DECISION_ANSWERED = "decision.answered";
    public static final String VERIFY_STARTED = "verify.started";
    public static final String VERIFY_FINISHED = "verify.finished";
    public static final String MERGE_DONE = "merge.done";
    public static final String MERGE_FAILED = "merge.failed";

    public static final String AGENT_SESSION = "agent.session";
    public static final String AGENT_MESSAGE = "agent.message";
    public static final String AGENT_TOOL_CALL = "agent.tool_call";
    public static final String AGENT_TOOL_RESULT = "agent.tool_result";
    public static final String AGENT_USAGE = "agent.usage";
    public static final String AGENT_ERROR = "agent.error";
    public static final String AGENT_RESULT = "agent.result";

    private EventTypes() {}
}
