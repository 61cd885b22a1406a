package dev.baton.workflow;

import dev.baton.core.Durations;
import dev.baton.core.TaskId;
import dev.baton.core.TaskSpec;
import dev.baton.tasks.TaskRequest;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How a workflow run becomes task requests: one task per workflow task, id {@code RUN.TASK}, with
 * {@code dependsOn} from the stages (and, in a sequential stage, the task before), tagged {@code
 * workflow:RUN}; a {@code command:} step is a {@link TaskSpec#SHELL_TYPE shell} task, so an agent
 * of the command kind runs it and no prose step ever reaches one. The tasks are the run's durable
 * state: the engine runs them like any other, so a restart resumes the workflow where it stood.
 * Stateless.
 */
public final class WorkflowTasks {
    /** The extra field holding {@code run}, {@code name}, {@code stage}, {@code stageIndex}, {@code task}. */
    public static final String EXTRA = "workflow";

    /**
     * The extra field that lets dependents go on after a failure; the engine's dispatcher reads it
     * ({@code engine.FailedDependencies.CONTINUE_ON_ERROR}, the same name).
     */
    static final String CONTINUE_ON_ERROR = "continue_on_error";

    static final String TAG_PREFIX = "workflow:";

    private WorkflowTasks() {}

    /**
     * The tasks of one run, dependencies first.
     *
     * @param agentNames the Baton agents there are, to map workflow agents onto
     * @param repo the repository tasks work in, or null for scratch folders
     */
    public static Map<TaskId, TaskRequest> plan(Workflow workflow, String runId, Set<String> agentNames, String repo) {
        Map<TaskId, TaskRequest> specs = new LinkedHashMap<>();
        for (int stageIndex = 0; stageIndex < workflow.stages().size(); stageIndex++) {
            Stage stage = workflow.stages().get(stageIndex);
            for (WorkflowTask task : stage.tasks()) {
                specs.put(taskId(runId, task.id()), spec(workflow, stage, stageIndex, task, runId, agentNames, repo));
            }
        }
        return specs;
    }

    public static TaskId taskId(String runId, String workflowTaskId) {
        return TaskId.of(runId + "." + workflowTaskId);
    }

    private static TaskRequest spec(
            Workflow workflow,
            Stage stage,
            int stageIndex,
            WorkflowTask task,
            String runId,
            Set<String> agentNames,
            String repo) {
        String preferred = null;
        Set<String> requires = new LinkedHashSet<>();
        WorkflowAgent agent = task.agent() == null ? null : workflow.agent(task.agent());
        if (agent != null) {
            if (agentNames.contains(agent.id())) {
                preferred = agent.id();
            } else if (agent.type() != null && agentNames.contains(agent.type())) {
                preferred = agent.type();
            } else {
                requires.addAll(agent.capabilities());
            }
        }
        requires.addAll(task.capabilities());
        if (preferred == null && requires.isEmpty() && task.command() != null && agentNames.contains("command")) {
            preferred = "command"; // a shell command with no agent named: the command agent runs it
        }
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("run", runId);
        info.put("name", workflow.name());
        info.put("stage", stage.name());
        info.put("stageIndex", stageIndex);
        info.put("task", task.id());
        TaskRequest.Builder spec = TaskRequest.text(ResultTemplates.qualify(task.text(), runId))
                .id(taskId(runId, task.id()).value())
                .title(workflow.name() + "/" + task.id() + ": " + firstLine(task.text()))
                .agent(preferred)
                .type(task.command() != null ? TaskSpec.SHELL_TYPE : null)
                .requires(List.copyOf(requires))
                .timeout(task.timeout() == null ? null : Durations.format(task.timeout()))
                .retries(task.retries())
                .requiresApproval(task.requiresApproval())
                .dependsOn(workflow.directDependencies(task.id()).stream()
                        .map(id -> taskId(runId, id).value())
                        .toList())
                .tags(List.of(TAG_PREFIX + runId))
                .repo(repo)
                .extra(EXTRA, info);
        if (task.continueOnError()) spec.extra(CONTINUE_ON_ERROR, true);
        return spec.build();
    }

    private static String firstLine(String text) {
        String line = text.strip().lines().findFirst().orElse("");
        return line.length() > 80 ? line.substring(0, 77) + "..." : line;
    }
}
