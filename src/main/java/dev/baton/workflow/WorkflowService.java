package dev.baton.workflow;

import dev.baton.agent.AgentRegistry;
import dev.baton.core.InvalidInputException;
import dev.baton.core.NotFoundException;
import dev.baton.core.Task;
import dev.baton.core.TaskId;
import dev.baton.store.TaskQuery;
import dev.baton.tasks.Source;
import dev.baton.tasks.TaskIntake;
import dev.baton.tasks.TaskRequest;
import dev.baton.tasks.TaskService;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * Starts workflow runs and reports on them. A run is stored as its tasks, all in one transaction,
 * so it is either wholly submitted or not at all, and it survives restarts like any task.
 * Thread-safe.
 */
public final class WorkflowService {
    private final TaskIntake intake;
    private final TaskService tasks;
    private final AgentRegistry agents;
    private final RandomGenerator random;

    public WorkflowService(TaskIntake intake, TaskService tasks, AgentRegistry agents, RandomGenerator random) {
        this.intake = intake;
        this.tasks = tasks;
        this.agents = agents;
        this.random = random;
    }

    /** A submitted run: its id and its tasks, and warnings (for example an uncommitted repository). */
    public record Submitted(String runId, List<Task> tasks, List<String> warnings) {}

    /**
     * Queues a run of the workflow.
     *
     * @param repo the git repository its tasks work in, or null for scratch folders
     */
    public Submitted submit(Workflow workflow, String repo) {
        Set<String> agentNames = agents.profiles().stream()
                .map(dev.baton.core.AgentProfile::name)
                .collect(java.util.stream.Collectors.toSet());
        for (int attempt = 0; ; attempt++) {
            String runId = newRunId();
            Map<TaskId, TaskRequest> requests = WorkflowTasks.plan(workflow, runId, agentNames, repo);
            checkSomeAgentCanRunEach(workflow, runId, requests);
            try {
                TaskService.BatchResult result =
                        intake.submitAll(List.copyOf(requests.values()), Source.workflow(runId));
                return new Submitted(runId, result.tasks(), result.warnings());
            } catch (InvalidInputException e) {
                if (attempt < 5 && e.getMessage().contains("already exist")) continue; // the random id was taken
                throw e;
            }
        }
    }

    /**
     * Refuses, before anything is queued, a task whose capabilities no Baton agent has: it could
     * never start.
     */
    private void checkSomeAgentCanRunEach(Workflow workflow, String runId, Map<TaskId, TaskRequest> requests) {
        for (Stage stage : workflow.stages()) {
            for (WorkflowTask task : stage.tasks()) {
                TaskRequest request = requests.get(WorkflowTasks.taskId(runId, task.id()));
                Set<String> required = Set.copyOf(request.requires());
                if (request.agent() != null || required.isEmpty()) continue;
                boolean someone = agents.profiles().stream().anyMatch(p -> p.can(required));
                if (!someone) {
                    String field = task.agent() != null ? "agent" : "capabilities";
                    throw new InvalidWorkflowException(
                            Where.task(stage.name(), task.id(), field),
                            "no Baton agent has all of "
                                    + required.stream().sorted().toList()
                                    + (task.agent() == null ? "" : " (what agent '" + task.agent() + "' asks for)")
                                    + "; register an agent with these capabilities, or give the workflow agent the"
                                    + " name of a Baton agent ('baton agents' lists them)");
                }
            }
        }
    }

    private String newRunId() {
        byte[] bytes = new byte[3];
        random.nextBytes(bytes);
        return "w-" + HexFormat.of().formatHex(bytes);
    }

    /** Every workflow run, newest first. */
    public List<WorkflowRunView> list() {
        Map<String, List<Task>> byRun = new LinkedHashMap<>();
        for (Task task : tasks.list(TaskQuery.ALL)) {
            for (String tag : task.spec().tags()) {
                if (tag.startsWith(WorkflowTasks.TAG_PREFIX)) {
                    byRun.computeIfAbsent(tag.substring(WorkflowTasks.TAG_PREFIX.length()), r -> new ArrayList<>())
                            .add(task);
                }
            }
        }
        List<WorkflowRunView> runs = new ArrayList<>();
        byRun.forEach((run, runTasks) -> runs.add(WorkflowRunView.of(run, runTasks)));
        runs.sort(Comparator.comparing(WorkflowRunView::createdAt).reversed().thenComparing(WorkflowRunView::id));
        return runs;
    }

    public WorkflowRunView get(String runId) {
        return list().stream()
                .filter(r -> r.id().equals(runId))
                .findFirst()
                .orElseThrow(
                        () -> new NotFoundException("no workflow run " + runId + "; 'baton workflows' lists them"));
    }
}
