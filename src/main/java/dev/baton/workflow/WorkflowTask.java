package dev.baton.workflow;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * One task of a stage. Its text is a {@code command} (run by the command agent as a shell command)
 * or a {@code prompt} (for a coding agent); either may contain {@code {{ tasks.ID.result }}}, which
 * is replaced by that upstream task's result when this task starts.
 *
 * @param id unique in the workflow; null lets the stage name it (the stage's name for its only
 *     task, else {@code STAGE-N})
 * @param agent a workflow agent id, or null
 * @param capabilities capabilities the agent must have, in addition to the workflow agent's
 * @param prompt what to ask the agent, or null when {@code command} is given
 * @param command a shell command, or null when {@code prompt} is given
 * @param timeout how long one attempt may take, or null for Baton's default
 * @param retries further attempts after a failure
 * @param continueOnError dependents run even when this task fails
 * @param requiresApproval a human approves before the task starts
 */
public record WorkflowTask(
        String id,
        String agent,
        Set<String> capabilities,
        String prompt,
        String command,
        Duration timeout,
        int retries,
        boolean continueOnError,
        boolean requiresApproval) {

    public WorkflowTask {
        if (id != null) Names.check(id, Where.task(null, id, "id"));
        capabilities = Set.copyOf(new LinkedHashSet<>(capabilities == null ? Set.of() : capabilities));
        prompt = blankToNull(prompt);
        command = blankToNull(command);
        Where where = Where.task(null, id, null);
        if (prompt == null && command == null) {
            throw new InvalidWorkflowException(
                    where, "the task has neither 'command' nor 'prompt'; say what it should do");
        }
        if (prompt != null && command != null) {
            throw new InvalidWorkflowException(where, "the task has both 'command' and 'prompt'; keep one of them");
        }
        if (timeout != null && (timeout.isZero() || timeout.isNegative())) {
            throw new InvalidWorkflowException(Where.task(null, id, "timeout"), "must be longer than zero");
        }
        if (retries < 0 || retries > 20) {
            throw new InvalidWorkflowException(
                    Where.task(null, id, "retries"), "must be between 0 and 20, not " + retries);
        }
    }

    /** The text given to the agent. */
    public String text() {
        return command != null ? command : prompt;
    }

    WorkflowTask withId(String newId) {
        return new WorkflowTask(
                newId, agent, capabilities, prompt, command, timeout, retries, continueOnError, requiresApproval);
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }
}
