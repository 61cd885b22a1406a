package dev.baton.workflow;

/**
 * The place in a workflow a problem is about, so that a parser can turn it into a file line.
 *
 * @param stage the stage's name, or null for the workflow's top level
 * @param task the task's id within the stage, or null for the stage itself
 * @param agent the agent's id when the problem is in the {@code agents} list, else null
 * @param field the field at fault, or null for the whole item
 */
public record Where(String stage, String task, String agent, String field) {
    public static Where top(String field) {
        return new Where(null, null, null, field);
    }

    public static Where stage(String stage, String field) {
        return new Where(stage, null, null, field);
    }

    public static Where task(String stage, String task, String field) {
        return new Where(stage, task, null, field);
    }

    public static Where agent(String agent, String field) {
        return new Where(null, null, agent, field);
    }

    /** Words for a message when there is no file line: {@code stage 'test', task 'test'}. */
    String describe() {
        StringBuilder out = new StringBuilder();
        if (agent != null) out.append("agent '").append(agent).append("'");
        if (stage != null) out.append("stage '").append(stage).append("'");
        if (task != null)
            out.append(out.isEmpty() ? "" : ", ").append("task '").append(task).append("'");
        if (out.isEmpty()) out.append("workflow");
        return out.toString();
    }
}
