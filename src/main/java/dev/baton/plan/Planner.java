package dev.baton.plan;

import dev.baton.agent.AgentRegistry;
import dev.baton.agent.llm.LlmApiAgent;
import dev.baton.core.AgentProfile;
import dev.baton.core.InvalidInputException;
import dev.baton.core.TaskId;
import dev.baton.tasks.Source;
import dev.baton.tasks.TaskIntake;
import dev.baton.tasks.TaskRequest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * Turns a requirement into a plan (an llm-api agent's when one is configured, else the heuristic's)
 * and submits plans as tasks. Thread-safe.
 */
public final class Planner {
    private final TaskIntake intake;
    private final AgentRegistry agents;
    private final Map<String, String> env;
    private final RandomGenerator random;

    public Planner(TaskIntake intake, AgentRegistry agents, Map<String, String> env, RandomGenerator random) {
        this.intake = intake;
        this.agents = agents;
        this.env = Map.copyOf(env);
        this.random = random;
    }

    /**
     * Plans the requirement.
     *
     * @param agentName the llm-api agent to ask, or null for the first one registered
     * @param heuristicOnly plan by the rules even when a model is available
     */
    public Plan plan(String requirement, String agentName, boolean heuristicOnly) {
        if (requirement == null || requirement.isBlank()) {
            throw new InvalidInputException("the requirement is empty; say what should be done");
        }
        if (heuristicOnly) return HeuristicPlanner.plan(requirement);
        Optional<AgentProfile> llm = agentName != null ? Optional.of(agents.require(agentName)) : firstLlmAgent();
        if (llm.isPresent() && !llm.get().kind().equals(LlmApiAgent.KIND)) {
            throw new InvalidInputException("agent " + agentName + " is a "
                    + llm.get().kind() + " agent; planning needs an llm-api agent (or --heuristic)");
        }
        return llm.map(agent -> LlmPlanner.plan(requirement, agent, env))
                .orElseGet(() -> HeuristicPlanner.plan(requirement));
    }

    private Optional<AgentProfile> firstLlmAgent() {
        return agents.profiles().stream()
                .filter(p -> p.kind().equals(LlmApiAgent.KIND))
                .findFirst();
    }

    /** Queues the plan's tasks in one transaction, ids {@code PLAN.TASK}; returns them in plan order. */
    public List<TaskId> submit(Plan plan, String repo) {
        byte[] bytes = new byte[3];
        random.nextBytes(bytes);
        String planId = "p-" + HexFormat.of().formatHex(bytes);
        List<TaskRequest> requests = new ArrayList<>();
        for (PlannedTask task : plan.tasks()) {
            requests.add(TaskRequest.text(task.prompt())
                    .id(planId + "." + task.id())
                    .title(task.title())
                    .type(task.type())
                    .dependsOn(
                            task.dependsOn().stream().map(d -> planId + "." + d).toList())
                    .repo(repo)
                    .tags(List.of("plan:" + planId))
                    .extra("plan_confidence", task.confidence())
                    .build());
        }
        return intake.submitAll(requests, Source.plan(planId)).tasks().stream()
                .map(t -> t.id())
                .toList();
    }
}
