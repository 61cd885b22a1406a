package dev.baton.workflow;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * A DAG of stages of tasks, validated as a whole when it is made: every reference resolves, stage
 * dependencies have no cycle, and a task only uses the results of tasks that finish before it.
 * Read one from YAML with {@link WorkflowParser} or build one with {@link #builder(String)}.
 *
 * @param name what the workflow is called
 * @param version free text, or null
 * @param agents the agents tasks refer to by id
 * @param stages at least one, in the order written
 */
public record Workflow(String name, String version, List<WorkflowAgent> agents, List<Stage> stages) {

    public Workflow {
        if (name == null || name.isBlank()) {
            throw new InvalidWorkflowException(Where.top("name"), "is missing; give the workflow a name");
        }
        name = name.strip();
        version = version == null || version.isBlank() ? null : version.strip();
        agents = List.copyOf(agents == null ? List.of() : agents);
        stages = List.copyOf(stages == null ? List.of() : stages);
        if (stages.isEmpty()) {
            throw new InvalidWorkflowException(Where.top("stages"), "the workflow has no stages; add at least one");
        }
        check(agents, stages);
    }

    public static WorkflowBuilder builder(String name) {
        return new WorkflowBuilder(name);
    }

    /** Convenience for one-off workflows: {@code Workflow.of("ci", b -> b.stage(...))}. */
    public static Workflow of(String name, Consumer<WorkflowBuilder> definition) {
        WorkflowBuilder builder = builder(name);
        definition.accept(builder);
        return builder.build();
    }

    public WorkflowAgent agent(String id) {
        return agents.stream().filter(a -> a.id().equals(id)).findFirst().orElse(null);
    }

    /** The stage a task belongs to. */
    public Stage stageOf(String taskId) {
        return stageOf(stages, taskId);
    }

    /**
     * The ids of the tasks that must finish before {@code task} starts, directly: every task of the
     * stages its stage depends on, and in a sequential stage the task before it.
     */
    public List<String> directDependencies(String taskId) {
        return directDependencies(stages, taskId);
    }

    /** Every task that finishes before {@code taskId} starts (dependencies, transitively). */
    public Set<String> upstream(String taskId) {
        return upstream(stages, taskId);
    }

    private static Stage stageOf(List<Stage> stages, String taskId) {
        for (Stage stage : stages) {
            for (WorkflowTask task : stage.tasks()) {
                if (task.id().equals(taskId)) return stage;
            }
        }
        throw new IllegalArgumentException("no task " + taskId);
    }

    private static List<String> directDependencies(List<Stage> stages, String taskId) {
        Stage stage = stageOf(stages, taskId);
        List<String> deps = new ArrayList<>();
        for (String upstream : stage.dependsOn()) {
            stages.stream().filter(s -> s.name().equals(upstream)).forEach(s -> s.tasks()
                    .forEach(t -> deps.add(t.id())));
        }
        if (!stage.parallel()) {
            List<WorkflowTask> tasks = stage.tasks();
            for (int i = 1; i < tasks.size(); i++) {
                if (tasks.get(i).id().equals(taskId)) deps.add(tasks.get(i - 1).id());
            }
        }
        return deps;
    }

    private static Set<String> upstream(List<Stage> stages, String taskId) {
        Set<String> seen = new LinkedHashSet<>();
        List<String> todo = new ArrayList<>(directDependencies(stages, taskId));
        while (!todo.isEmpty()) {
            String next = todo.removeLast();
            if (seen.add(next)) todo.addAll(directDependencies(stages, next));
        }
        return seen;
    }

    public Stage stage(String name) {
        return stages.stream().filter(s -> s.name().equals(name)).findFirst().orElse(null);
    }

    private static void check(List<WorkflowAgent> agents, List<Stage> stages) {
        Set<String> agentIds = new HashSet<>();
        for (WorkflowAgent agent : agents) {
            if (!agentIds.add(agent.id())) {
                throw new InvalidWorkflowException(
                        Where.agent(agent.id(), "id"), "the agent '" + agent.id() + "' is declared twice");
            }
        }
        Map<String, Stage> byName = new LinkedHashMap<>();
        Map<String, String> taskStage = new HashMap<>();
        for (Stage stage : stages) {
            if (byName.putIfAbsent(stage.name(), stage) != null) {
                throw new InvalidWorkflowException(
                        Where.stage(stage.name(), "name"), "two stages are called '" + stage.name() + "'; rename one");
            }
            for (WorkflowTask task : stage.tasks()) {
                String earlier = taskStage.putIfAbsent(task.id(), stage.name());
                if (earlier != null) {
                    throw new InvalidWorkflowException(
                            Where.task(stage.name(), task.id(), "id"),
                            "task id '" + task.id() + "' is used twice (also in stage '" + earlier
                                    + "'); give the tasks different 'id's");
                }
                if (task.agent() != null && !agentIds.contains(task.agent())) {
                    throw new InvalidWorkflowException(
                            Where.task(stage.name(), task.id(), "agent"),
                            "unknown agent '" + task.agent() + "'; declare it under 'agents'"
                                    + (agentIds.isEmpty() ? "" : " or use one of " + agentIds));
                }
            }
        }
        for (Stage stage : stages) {
            for (String dependency : stage.dependsOn()) {
                if (!byName.containsKey(dependency)) {
                    throw new InvalidWorkflowException(
                            Where.stage(stage.name(), "dependsOn"),
                            "unknown stage '" + dependency + "'; the stages are " + byName.keySet());
                }
                if (dependency.equals(stage.name())) {
                    throw new InvalidWorkflowException(
                            Where.stage(stage.name(), "dependsOn"), "a stage cannot depend on itself");
                }
            }
        }
        checkCycles(byName);
        checkResultReferences(stages, taskStage.keySet());
    }

    private static void checkResultReferences(List<Stage> stages, Set<String> taskIds) {
        for (Stage stage : stages) {
            for (WorkflowTask task : stage.tasks()) {
                String field = task.command() != null ? "command" : "prompt";
                Where where = Where.task(stage.name(), task.id(), field);
                List<String> references = ResultTemplates.references(task.text(), where);
                if (references.isEmpty()) continue;
                Set<String> upstream = upstream(stages, task.id());
                for (String reference : references) {
                    if (!taskIds.contains(reference)) {
                        throw new InvalidWorkflowException(
                                where,
                                "'{{ tasks." + reference + ".result }}' names no task; the tasks are " + taskIds);
                    }
                    if (!upstream.contains(reference)) {
                        throw new InvalidWorkflowException(
                                where,
                                "uses the result of task '" + reference + "', which does not finish before this task"
                                        + " starts; make stage '" + stage.name() + "' depend on stage '"
                                        + stageOf(stages, reference).name() + "'");
                    }
                }
            }
        }
    }

    private static void checkCycles(Map<String, Stage> stages) {
        Map<String, Integer> state = new HashMap<>(); // 1 = on the path, 2 = done
        for (String start : stages.keySet()) {
            List<String> path = new ArrayList<>();
            visit(start, stages, state, path);
        }
    }

    private static void visit(String name, Map<String, Stage> stages, Map<String, Integer> state, List<String> path) {
        Integer seen = state.get(name);
        if (seen != null && seen == 2) return;
        path.add(name);
        if (seen != null) {
            List<String> cycle = path.subList(path.indexOf(name), path.size());
            throw new InvalidWorkflowException(
                    Where.stage(path.get(path.size() - 2), "dependsOn"),
                    "the stages depend on each other in a cycle: " + String.join(" -> ", cycle)
                            + "; remove one of these dependencies");
        }
        state.put(name, 1);
        for (String dependency : stages.get(name).dependsOn()) {
            visit(dependency, stages, state, path);
        }
        path.removeLast();
        state.put(name, 2);
    }
}
