package dev.baton.route;

import dev.baton.agent.AgentHealth;
import dev.baton.agent.AgentRegistry;
import dev.baton.agent.CommandAgent;
import dev.baton.core.AgentProfile;
import dev.baton.core.FailureReason;
import dev.baton.core.Run;
import dev.baton.core.Task;
import dev.baton.store.RateLimits;
import dev.baton.store.Store;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Routes a task through the {@link Router}: turns each registered agent into a candidate (health,
 * free slots, rate limit, today's usage against its plan, learned cost) and says why it chose what
 * it chose. A retry stays with the agent it had; a task that failed over leaves behind the agents
 * that could not work. Prose that no coding agent can take waits, with {@link #NO_CODING_AGENT}:
 * the command agent would run it as a shell command. Thread-safe.
 */
public final class TaskRouter {
    /** Why a prose task waits when only agents of the command kind could work here. */
    public static final String NO_CODING_AGENT = "no coding agent is available: run `baton doctor`";

    private final AgentRegistry agents;
    private final Map<String, AgentHealth> health;
    private final RoutingConfig config;
    private final Store store;
    private final RoutingTables tables;
    private final Router router = Router.standard();

    /** @param health known health per agent name; an agent not in it counts as available */
    public TaskRouter(
            AgentRegistry agents,
            Map<String, AgentHealth> health,
            RoutingConfig config,
            Store store,
            RoutingTables tables) {
        this.agents = agents;
        this.health = Map.copyOf(health);
        this.config = config;
        this.store = store;
        this.tables = tables;
    }

    /** Today's usage and the rate limits in force, read once for a pass of routing decisions. */
    public RoutingSnapshot snapshot(java.time.Instant now) {
        return RoutingSnapshot.read(tables.ledger(), tables.rateLimits(), now);
    }

    /**
     * A choice, or why no agent can take the task now.
     *
     * @param failure when no agent will ever do: the failure the task gets; null when it may wait
     * @param warning a capacity warning about the chosen agent, or null
     */
    public record Choice(AgentProfile agent, String why, FailureReason failure, String warning) {
        public boolean permanentlyImpossible() {
            return failure != null;
        }
    }

    public Choice choose(Task task, Map<String, Integer> busy, RoutingSnapshot snapshot) {
        String named = task.spec().preferredAgent();
        if (named != null && agents.find(named).isEmpty()) {
            return new Choice(null, "agent '" + named + "' is not registered", FailureReason.NO_AGENT, null);
        }
        List<Run> runs = task.attempts() == 0 ? List.of() : store.runsOf(task.id());
        Run last = runs.isEmpty() ? null : runs.getLast();
        AgentHealth namedHealth = named == null ? null : health.get(named);
        if (namedHealth != null && !namedHealth.usable() && runs.isEmpty()) {
            // The user named an agent that cannot work here: say so rather than quietly use another.
            return new Choice(
                    null,
                    named + " is " + namedHealth.status().wireName() + ": " + namedHealth.reason()
                            + (namedHealth.fix() == null ? "" : "; " + namedHealth.fix()),
                    namedHealth.failure() != null ? namedHealth.failure() : FailureReason.NO_AGENT,
                    null);
        }
        // A plain retry stays with its agent, which can resume its session.
        String preferred = last != null && !Failovers.failsOver(last.failureReason()) ? last.agent() : named;
        Set<String> leftBehind = Failovers.leftBehind(runs);

        List<Candidate> candidates = candidates(busy, snapshot, leftBehind, runs, null);
        RouteRequest request = new RouteRequest(task.spec().type(), task.spec().requires(), preferred, named);
        Optional<Candidate> mine =
                candidates.stream().filter(c -> c.name().equals(preferred)).findFirst();
        if (mine.isPresent() && Router.admits(mine.get(), request) && onlyBusy(mine.get(), task, snapshot)) {
            return new Choice(null, "waiting for " + preferred + ": it is busy", null, null);
        }
        Route route = router.route(request, candidates, snapshot.history(), snapshot.at(), ThreadLocalRandom.current());
        if (route.agent() == null && !route.waitNotFail() && !leftBehind.isEmpty()) {
            // Nowhere else to go: back to the agents it left, under the retry policy.
            route = router.route(
                    request,
                    candidates(busy, snapshot, Set.of(), runs, null),
                    snapshot.history(),
                    snapshot.at(),
                    ThreadLocalRandom.current());
        }
        if (route.agent() != null) {
            AgentProfile profile = agents.require(route.agent());
            String warning = config.capacity()
                    .check(plan(profile), snapshot.used(profile.name(), busy.getOrDefault(profile.name(), 0)))
                    .warning();
            return new Choice(profile, route.explanation(), null, warning);
        }
        if (route.waitNotFail()) return new Choice(null, route.explanation(), null, null);
        if (named == null && !task.spec().isShell() && noCodingAgentWorks()) {
            // Prose for any coding agent: installing or logging in to one lets it go on, where
            // failing it would lose it. (A task that names an agent fails with that agent's reason.)
            return new Choice(null, NO_CODING_AGENT, null, null);
        }
        FailureReason failure = FailureReason.NO_AGENT;
        if (named != null && health.containsKey(named) && health.get(named).failure() != null) {
            failure = health.get(named).failure();
        } else if (last != null && Failovers.failsOver(last.failureReason())) {
            failure = last.failureReason();
        }
        return new Choice(null, route.explanation(), failure, null);
    }

    /**
     * The agent a failed task would move to now, other than the one that failed it; empty when no
     * other agent could take it (busy agents count: the task waits for them).
     */
    Optional<String> alternative(Task task, String failedAgent, RoutingSnapshot snapshot) {
        List<Run> runs = store.runsOf(task.id());
        List<Candidate> candidates = candidates(Map.of(), snapshot, Failovers.leftBehind(runs), runs, failedAgent);
        Route route = router.route(
                new RouteRequest(
                        task.spec().type(),
                        task.spec().requires(),
                        null,
                        task.spec().preferredAgent()),
                candidates,
                snapshot.history(),
                snapshot.at(),
                ThreadLocalRandom.current());
        return Optional.ofNullable(route.agent());
    }

    /** True when every registered agent that is not of the command kind is unusable (or there is none). */
    private boolean noCodingAgentWorks() {
        return agents.profiles().stream()
                .filter(p -> !isCommandRunner(p))
                .allMatch(p ->
                        health.containsKey(p.name()) && !health.get(p.name()).usable());
    }

    private static boolean isCommandRunner(AgentProfile profile) {
        return profile.kind().equals(CommandAgent.KIND);
    }

    private boolean onlyBusy(Candidate c, Task task, RoutingSnapshot snapshot) {
        return c.freeSlots() <= 0
                && c.available()
                && c.capabilities().containsAll(task.spec().requires())
                && (c.rateLimitedUntil() == null || !c.rateLimitedUntil().isAfter(snapshot.at()))
                && (c.quotaLeft() == null || c.quotaLeft() > 0);
    }

    private List<Candidate> candidates(
            Map<String, Integer> busy, RoutingSnapshot snapshot, Set<String> leftBehind, List<Run> runs, String skip) {
        List<Candidate> out = new ArrayList<>();
        for (AgentProfile profile : agents.profiles()) {
            String name = profile.name();
            if (name.equals(skip)) continue;
            AgentHealth h = health.get(name);
            RateLimits.Limit limit = snapshot.rateLimits().get(name);
            String offline = null;
            if (leftBehind.contains(name) && limit == null) { // a known limit explains itself
                offline = "failed this task ("
                        + runs.stream()
                                .filter(r -> r.agent().equals(name) && Failovers.failsOver(r.failureReason()))
                                .reduce((a, b) -> b)
                                .map(r -> r.failureReason().wireName())
                                .orElse("failed")
                        + ")";
            } else if (h != null && !h.usable()) {
                offline = "is " + h.status().wireName() + " (" + h.reason() + ")";
            }
            AgentPlan plan = plan(profile);
            Capacity.Check check = config.capacity().check(plan, snapshot.used(name, busy.getOrDefault(name, 0)));
            out.add(new Candidate(
                    name,
                    profile.capabilities(),
                    offline == null,
                    profile.concurrency() - busy.getOrDefault(name, 0),
                    limit == null ? null : limit.until(),
                    check.messagesLeft(),
                    check.budgetLeftUsd(),
                    plan.tier(),
                    plan.tier() == CostTier.INCLUDED
                            ? 0
                            : snapshot.averageCost().getOrDefault(name, 0.0),
                    offline,
                    isCommandRunner(profile)));
        }
        return out;
    }

    private AgentPlan plan(AgentProfile profile) {
        AgentPlan plan = config.plans().get(profile.name());
        return plan != null ? plan : AgentPlan.unlimited(profile.name(), defaultTier(profile.kind()));
    }

    /** Coding CLIs usually run on a subscription; an LLM API is paid per token. */
    static CostTier defaultTier(String kind) {
        return kind.equals("llm-api") ? CostTier.PAID : CostTier.INCLUDED;
    }
}
