package dev.baton.route;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Chooses an agent for a task. First it filters: capabilities, availability, rate limits, free
 * slots, quota and budget. Then it ranks what is left by a Thompson sample of each agent's success
 * on this task type (Beta(1 + successes, 1 + failures), so a new agent gets a fair chance), plus a
 * small bonus for included quota and a penalty per expected dollar. A preferred agent that is
 * eligible wins outright. Every choice comes with a readable explanation. Stateless; thread-safe
 * when the random generator is.
 *
 * <p>An agent of the command kind runs a task's text as a command line, so prose must never reach
 * it: it takes a shell task or a task that names it, and nothing else, whatever its capabilities
 * (neither as overflow nor after a failover). A shell task, in turn, goes only to such an agent
 * unless it names another.
 */
public final class Router {
    private static final DateTimeFormatter CLOCK =
            DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneId.systemDefault());

    private final double tierBonus;
    private final double costPenaltyPerUsd;

    /**
     * @param tierBonus added for included quota, subtracted for fallbacks (0.05 = five points of success)
     * @param costPenaltyPerUsd subtracted per expected dollar of a task
     */
    public Router(double tierBonus, double costPenaltyPerUsd) {
        this.tierBonus = tierBonus;
        this.costPenaltyPerUsd = costPenaltyPerUsd;
    }

    public static Router standard() {
        return new Router(0.03, 0.2);
    }

    public Route route(
            RouteRequest request,
            List<Candidate> candidates,
            RoutingHistory history,
            Instant now,
            RandomGenerator random) {
        List<Candidate> eligible = new ArrayList<>();
        List<String> excluded = new ArrayList<>();
        boolean couldWait = false;
        for (Candidate c : candidates) {
            String why = exclusion(c, request, now);
            if (why == null) {
                eligible.add(c);
            } else {
                excluded.add(c.name() + " " + why);
                couldWait |= isTemporary(c, request, now);
            }
        }
        if (eligible.isEmpty()) {
            String reason = excluded.isEmpty() ? "no agents are registered" : String.join("; ", excluded);
            return new Route(null, "no agent can take it now: " + reason, excluded, couldWait);
        }
        String prefix = excluded.isEmpty() ? "" : String.join("; ", excluded) + "; ";
        for (Candidate c : eligible) {
            if (c.name().equals(request.preferredAgent())) {
                return new Route(c.name(), c.name() + ": preferred by the task", excluded, false);
            }
        }
        Candidate best = null;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (Candidate c : eligible) {
            Outcomes o = history.of(request.type(), c.name());
            double score = BetaSampler.sample(1 + o.successes(), 1 + o.failures(), random)
                    + switch (c.tier()) {
                        case INCLUDED -> tierBonus;
                        case PAID -> 0;
                        case FALLBACK -> -tierBonus;
                    }
                    - costPenaltyPerUsd * c.expectedCostUsd();
            if (score > bestScore) {
                bestScore = score;
                best = c;
            }
        }
        Outcomes record = history.of(request.type(), best.name());
        String because = record.total() == 0
                ? "no " + request.type() + " tasks yet, trying it"
                : "succeeded on " + record.successes() + " of " + record.total() + " " + request.type() + " tasks";
        String preferredNote = request.preferredAgent() != null
                        && eligible.stream().noneMatch(c -> c.name().equals(request.preferredAgent()))
                ? " (preferred " + request.preferredAgent() + " cannot take it)"
                : "";
        return new Route(
                best.name(),
                best.name() + ": " + prefix + best.name() + " " + because + preferredNote,
                excluded,
                false);
    }

    /**
     * Whether the agent's kind lets it take the task at all: a command runner takes shell tasks and
     * tasks that name it, any other agent takes prose and shell tasks that name it.
     */
    static boolean admits(Candidate c, RouteRequest request) {
        return c.commandRunner() == request.isShell() || c.name().equals(request.namedAgent());
    }

    private static String exclusion(Candidate c, RouteRequest request, Instant now) {
        if (!admits(c, request)) {
            return c.commandRunner()
                    ? "runs text as a shell command (it takes shell tasks and tasks sent to it by name)"
                    : "does not run shell tasks";
        }
        if (!c.capabilities().containsAll(request.requires())) {
            List<String> missing = request.requires().stream()
                    .filter(r -> !c.capabilities().contains(r))
                    .sorted()
                    .toList();
            return "lacks " + String.join(", ", missing);
        }
        if (!c.available()) return c.offlineReason() == null ? "is offline" : c.offlineReason();
        if (c.rateLimitedUntil() != null && c.rateLimitedUntil().isAfter(now)) {
            return "rate-limited until " + CLOCK.format(c.rateLimitedUntil());
        }
        if (c.quotaLeft() != null && c.quotaLeft() <= 0) return "has used today's quota";
        if (c.budgetLeftUsd() != null && c.budgetLeftUsd() < c.expectedCostUsd()) return "is over today's budget";
        if (c.freeSlots() <= 0) return "is busy";
        return null;
    }

    private static boolean isTemporary(Candidate c, RouteRequest request, Instant now) {
        return admits(c, request) && c.capabilities().containsAll(request.requires()) && c.available();
    }
}
