package dev.baton.workflow;

import dev.baton.core.Durations;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Builds a {@link Workflow} in code, for programs that embed Baton:
 *
 * <pre>{@code
 * Workflow ci = Workflow.builder("ci")
 *         .agent("runner", a -> a.capabilities("shell"))
 *         .stage("build", s -> s.task("compile", t -> t.command("make").agent("runner")))
 *         .stage("test", s -> s.dependsOn("build").parallel(true)
 *                 .task("unit", t -> t.command("make test"))
 *                 .task("lint", t -> t.command("make lint")))
 *         .build();
 * }</pre>
 *
 * Validation happens in {@link #build()}, exactly as for a workflow read from YAML. Not
 * thread-safe.
 */
public final class WorkflowBuilder {
    private final String name;
    private String version;
    private final List<WorkflowAgent> agents = new ArrayList<>();
    private final List<Stage> stages = new ArrayList<>();

    WorkflowBuilder(String name) {
        this.name = name;
    }

    public WorkflowBuilder version(String value) {
        this.version = value;
        return this;
    }

    public WorkflowBuilder agent(String id, Consumer<AgentBuilder> definition) {
        AgentBuilder builder = new AgentBuilder();
        definition.accept(builder);
        agents.add(new WorkflowAgent(id, builder.type, builder.capabilities));
        return this;
    }

    public WorkflowBuilder stage(String stageName, Consumer<StageBuilder> definition) {
        StageBuilder builder = new StageBuilder();
        definition.accept(builder);
        stages.add(new Stage(stageName, builder.parallel, builder.dependsOn, builder.tasks));
        return this;
    }

    public Workflow build() {
        return new Workflow(name, version, agents, stages);
    }

    /** An agent's type and capabilities. */
    public static final class AgentBuilder {
        private String type;
        private final Set<String> capabilities = new LinkedHashSet<>();

        private AgentBuilder() {}

        public AgentBuilder type(String value) {
            this.type = value;
            return this;
        }

        public AgentBuilder capabilities(String... values) {
            capabilities.addAll(List.of(values));
            return this;
        }
    }

    /** A stage's options and tasks. */
    public static final class StageBuilder {
        private boolean parallel;
        private final List<String> dependsOn = new ArrayList<>();
        private final List<WorkflowTask> tasks = new ArrayList<>();

        private StageBuilder() {}

        public StageBuilder parallel(boolean value) {
            this.parallel = value;
            return this;
        }

        public StageBuilder dependsOn(String... stageNames) {
            dependsOn.addAll(List.of(stageNames));
            return this;
        }

        /** A task with an id of its own (dependents refer to its result by it). */
        public StageBuilder task(String id, Consumer<TaskBuilder> definition) {
            TaskBuilder builder = new TaskBuilder();
            definition.accept(builder);
            tasks.add(builder.build(id));
            return this;
        }

        /** A task named by the stage ({@code STAGE} or {@code STAGE-N}). */
        public StageBuilder task(Consumer<TaskBuilder> definition) {
            return task(null, definition);
        }
    }

    /** A task's fields. */
    public static final class TaskBuilder {
        private String agent;
        private final Set<String> capabilities = new LinkedHashSet<>();
        private String prompt;
        private String command;
        private Duration timeout;
        private int retries;
        private boolean continueOnError;
        private boolean requiresApproval;

        private TaskBuilder() {}

        public TaskBuilder agent(String workflowAgentId) {
            this.agent = workflowAgentId;
            return this;
        }

        public TaskBuilder capabilities(String... values) {
            capabilities.addAll(List.of(values));
            return this;
        }

        public TaskBuilder prompt(String value) {
            this.prompt = value;
            return this;
        }

        public TaskBuilder command(String value) {
            this.command = value;
            return this;
        }

        public TaskBuilder timeout(Duration value) {
            this.timeout = value;
            return this;
        }

        /** A duration as in YAML: {@code 90} (seconds), {@code 30s}, {@code 5m}. */
        public TaskBuilder timeout(String value) {
            return timeout(Durations.parse(value));
        }

        public TaskBuilder retries(int value) {
            this.retries = value;
            return this;
        }

        public TaskBuilder continueOnError(boolean value) {
            this.continueOnError = value;
            return this;
        }

        public TaskBuilder requiresApproval(boolean value) {
            this.requiresApproval = value;
            return this;
        }

        private WorkflowTask build(String id) {
            return new WorkflowTask(
                    id, agent, capabilities, prompt, command, timeout, retries, continueOnError, requiresApproval);
        }
    }
}
