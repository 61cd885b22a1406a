package dev.baton.tasks;

import dev.baton.agent.AgentRegistry;
import dev.baton.core.DuplicateTaskIdException;
import dev.baton.core.Event;
import dev.baton.core.EventTypes;
import dev.baton.core.FailureReason;
import dev.baton.core.InvalidInputException;
import dev.baton.core.NotFoundException;
import dev.baton.core.Run;
import dev.baton.core.StaleVersionException;
import dev.baton.core.Task;
import dev.baton.core.TaskId;
import dev.baton.core.TaskSpec;
import dev.baton.core.TaskStatus;
import dev.baton.core.WorkspaceException;
import dev.baton.session.ProcessLauncher;
import dev.baton.session.ProcessRef;
import dev.baton.store.Changes;
import dev.baton.store.Recorder;
import dev.baton.store.Store;
import dev.baton.store.TaskQuery;
import dev.baton.workspace.RepoInfo;
import dev.baton.workspace.Workspaces;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * What people and programs do with tasks: add, look up, cancel, retry. Validates everything before
 * it is stored. Thread-safe.
 */
public final class TaskService {
    private static final int MAX_ID_ATTEMPTS = 20;

    private final Recorder recorder;
    private final AgentRegistry agents;
    private final Workspaces workspaces;
    private final ProcessLauncher launcher;
    private final Clock clock;
    private final RandomGenerator random;
    private final Duration killGrace;

    public TaskService(
            Recorder recorder,
            AgentRegistry agents,
            Workspaces workspaces,
            ProcessLauncher launcher,
            Clock clock,
            RandomGenerator random,
            Duration killGrace) {
        this.recorder = recorder;
        this.agents = agents;
        this.workspaces = workspaces;
        this.launcher = launcher;
        this.clock = clock;
        this.random = random;
        this.killGrace = killGrace;
    }

    private Store store() {
        return recorder.store();
    }

    /**
     * Validates and queues a task. A repository path is resolved to its top-level folder, and the
     * base branch fixed to the current one when none is given, so later runs are reproducible.
     *
     * @param givenId the id from a task file, or null to generate one
     */
    public AddResult add(TaskSpec spec, TaskId givenId) {
        return add(spec, givenId, null);
    }

    /**
     * As {@link #add(TaskSpec, TaskId)}, noting who asked in the {@code task.created} event.
     *
     * @param by the principal behind the request ({@code api:token 3}), or null for none to note
     */
    public AddResult add(TaskSpec spec, TaskId givenId, String by) {
        List<String> warnings = new ArrayList<>();
        TaskSpec resolved = resolveRepository(spec, warnings);
        if (resolved.preferredAgent() != null) {
            agents.require(resolved.preferredAgent());
        }
        List<TaskId> missing = store().missingTasks(resolved.dependsOn());
        if (!missing.isEmpty()) {
            throw new InvalidInputException(
                    "depends on unknown task(s) " + missing + "; add those first or fix the ids");
        }
        if (givenId != null && resolved.dependsOn().contains(givenId)) {
            throw new InvalidInputException("task " + givenId + " cannot depend on itself");
        }
        for (int attempt = 1; ; attempt++) {
            TaskId id = givenId != null ? givenId : TaskId.generate(random);
            Task task = Task.create(id, resolved, clock.instant());
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("title", resolved.title());
            data.put("priority", resolved.priority());
            data.put("source", resolved.source());
            if (by != null) data.put("by", by);
            try {
                recorder.apply(Changes.builder()
                        .insert(task)
                        .event(Event.of(clock.instant(), id, null, EventTypes.TASK_CREATED, data))
                        .build());
            } catch (DuplicateTaskIdException taken) {
                if (givenId != null || attempt == MAX_ID_ATTEMPTS) throw taken;
                continue; // a generated id that is already taken: draw another
            }
            return new AddResult(task, warnings);
        }
    }

    /**
     * Validates and queues several tasks with given ids in one transaction: all are stored or none.
     * A task may depend on tasks stored before and on tasks earlier in the batch.
     */
    public BatchResult addAll(Map<TaskId, TaskSpec> specs) {
        return addAll(specs, null);
    }

    /** As {@link #addAll(Map)}, noting who asked ({@code by}, or null) in each {@code task.created} event. */
    public BatchResult addAll(Map<TaskId, TaskSpec> specs, String by) {
        List<String> warnings = new ArrayList<>();
        Map<TaskId, TaskSpec> resolved = new LinkedHashMap<>();
        for (Map.Entry<TaskId, TaskSpec> entry : specs.entrySet()) {
            TaskSpec spec = resolveRepository(entry.getValue(), warnings);
            if (spec.preferredAgent() != null) agents.require(spec.preferredAgent());
            for (TaskId dependency : spec.dependsOn()) {
                if (dependency.equals(entry.getKey())) {
                    throw new InvalidInputException("task " + entry.getKey() + " cannot depend on itself");
                }
                if (!resolved.containsKey(dependency)
                        && !store().missingTasks(List.of(dependency)).isEmpty()) {
                    throw new InvalidInputException("task " + entry.getKey() + " depends on unknown task " + dependency
                            + "; add it first (or earlier in the batch)");
                }
            }
            resolved.put(entry.getKey(), spec);
        }
        List<TaskId> taken = store().missingTasks(List.copyOf(resolved.keySet()));
        if (taken.size() != resolved.size()) {
            throw new InvalidInputException("some of the task ids " + resolved.keySet() + " already exist");
        }
        Changes.Builder changes = Changes.builder();
        List<Task> tasks = new ArrayList<>();
        resolved.forEach((id, spec) -> {
            Task task = Task.create(id, spec, clock.instant());
            tasks.add(task);
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("title", spec.title());
            data.put("priority", spec.priority());
            data.put("source", spec.source());
            if (by != null) data.put("by", by);
            changes.insert(task).event(Event.of(clock.instant(), id, null, EventTypes.TASK_CREATED, data));
        });
        recorder.apply(changes.build());
        return new BatchResult(tasks, List.copyOf(new java.util.LinkedHashSet<>(warnings)));
    }

    /** Tasks stored together, in the order given, and warnings about them. */
    public record BatchResult(List<Task> tasks, List<String> warnings) {}

    private TaskSpec resolveRepository(TaskSpec spec, List<String> warnings) {
        if (spec.repo() == null) {
            return spec;
        }
        RepoInfo info;
        try {
            info = workspaces.inspect(Path.of(spec.repo()));
        } catch (WorkspaceException e) {
            if (e.isTransient()) throw e;
            throw new InvalidInputException(e.getMessage(), e); // the user named a path that will not do
        }
        String base = spec.baseBranch() != null ? spec.baseBranch() : info.currentBranch();
        if (base == null) {
            throw new InvalidInputException("the repository " + info.root()
                    + " has a detached HEAD; pass --base BRANCH to say which branch tasks start from");
        }
        if (info.isDirty() && (spec.baseBranch() == null || spec.baseBranch().equals(info.currentBranch()))) {
            warnings.add(info.root() + " has " + info.uncommitted().size()
                    + " uncommitted change(s); the agent starts from the last commit of '" + base
                    + "' and will not see them (commit them first if it should)");
        }
        return spec.toBuilder().repo(info.root().toString()).baseBranch(base).build();
    }

    public Task get(TaskId id) {
        return store().findTask(id).orElseThrow(() -> NotFoundException.task(id));
    }

    public List<Task> list(TaskQuery query) {
        return store().listTasks(query);
    }

    public List<Run> runs(TaskId id) {
        get(id);
        return store().runsOf(id);
    }

    /** The task, or empty when there is none with that id. */
    public java.util.Optional<Task> find(TaskId id) {
        return store().findTask(id);
    }

    /** The run, or empty when there is none with that id. */
    public java.util.Optional<Run> run(dev.baton.core.RunId id) {
        return store().findRun(id);
    }

    /** A task's events after {@code afterId}, oldest first, at most {@code limit}. */
    public List<Event> events(TaskId id, long afterId, int limit) {
        return store().eventsOf(id, afterId, limit);
    }

    /** Every task's events after {@code afterId}, oldest first, at most {@code limit}: the event log. */
    public List<Event> eventsAfter(long afterId, int limit) {
        return store().eventsAfter(afterId, limit);
    }

    /** Runs not yet finished, on any node. */
    public List<Run> activeRuns() {
        return store().activeRuns();
    }

    /** How many runs each agent has going now, on any node. */
    public Map<String, Integer> activeRunsByAgent() {
        return store().activeRunsByAgent();
    }

    /** How the router chose for this task, one step per routing decision, oldest first. */
    public List<Map<String, Object>> routingSteps(TaskId id) {
        return dev.baton.route.RoutingSteps.of(store(), id);
    }

    /**
     * Cancels a task. A running agent's whole process group is killed; the engine supervising it
     * records the run as cancelled when it sees the process end.
     */
    public Task cancel(TaskId id) {
        for (int attempt = 0; ; attempt++) {
            Task task = get(id);
            if (task.status().isTerminal()) {
                throw new InvalidInputException(
                        "task " + id + " is already " + task.status().wireName() + "; nothing to cancel");
            }
            try {
                Changes.Builder changes = Changes.builder();
                // Questions about a cancelled task no longer need an answer.
                store().decisionsOf(id).stream()
                        .filter(dev.baton.core.Decision::isPending)
                        .forEach(d -> changes.update(d.close(clock.instant(), "the task was cancelled")));
                Task cancelled = recorder.apply(changes.update(task.fail(
                                        TaskStatus.CANCELLED,
                                        FailureReason.CANCELLED,
                                        "cancelled by request",
                                        clock.instant()))
                                .event(Event.of(clock.instant(), id, null, EventTypes.TASK_CANCELLED, Map.of()))
                                .build())
                        .task(id);
                killActiveRuns(id);
                return cancelled;
            } catch (StaleVersionException e) {
                if (attempt >= 5) throw e;
            }
        }
    }

    private void killActiveRuns(TaskId id) {
        for (Run run : store().runsOf(id)) {
            if (!run.status().isTerminal() && run.pid() != null) {
                launcher.killGroup(new ProcessRef(run.pid(), run.processStart()), killGrace);
            }
        }
    }

    /**
     * Adds a task that continues a finished one: same repository, worktree and branch, same agent,
     * and the agent's session resumed where the agent supports it.
     */
    public AddResult followUp(TaskId parentId, String text) {
        Task parent = get(parentId);
        if (!parent.status().isTerminal()) {
            throw new InvalidInputException(
                    "task " + parentId + " is still " + parent.status().wireName()
                            + "; follow up once it has finished (or add the text as a new task with --depends-on)");
        }
        TaskSpec spec = TaskSpec.builder(text)
                .repo(parent.spec().repo())
                .baseBranch(parent.spec().baseBranch())
                .preferredAgent(
                        parent.agent() != null ? parent.agent() : parent.spec().preferredAgent())
                .priority(parent.spec().priority())
                .timeout(parent.spec().timeout())
                .type(parent.spec().type())
                .requires(parent.spec().requires())
                .followUpOf(parentId)
                .source("followup:" + parentId)
                .build();
        return add(spec, null);
    }

    /** Puts a failed or cancelled task back in the queue; its worktree and branch are kept. */
    public Task retry(TaskId id) {
        Task task = get(id);
        if (task.status() != TaskStatus.FAILED && task.status() != TaskStatus.CANCELLED) {
            throw new InvalidInputException("task " + id + " is "
                    + task.status().wireName() + "; only failed or cancelled tasks can be retried");
        }
        Task queued = task.moveTo(TaskStatus.QUEUED, clock.instant()).withNotBefore(null);
        return recorder.apply(Changes.builder()
                        .update(queued)
                        .event(Event.of(
                                clock.instant(),
                                id,
                                null,
                                EventTypes.TASK_STATUS,
                                Map.of("status", "queued", "why", "retry requested")))
                        .build())
                .task(id);
    }
}
