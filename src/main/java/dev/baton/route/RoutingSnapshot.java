package dev.baton.route;

import dev.baton.store.RateLimits;
import dev.baton.store.UsageLedger;
import dev.baton.store.UsageTotals;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * What routing knows at one moment, read once per dispatcher pass: rate limits in force, each
 * agent's usage today, and how agents did per task type. Immutable.
 */
public record RoutingSnapshot(
        Instant at,
        Map<String, RateLimits.Limit> rateLimits,
        Map<String, UsageTotals> today,
        Map<String, Outcomes> outcomes,
        Map<String, Double> averageCost) {

    public static RoutingSnapshot read(UsageLedger ledger, RateLimits limits, Instant now) {
        Map<String, Outcomes> outcomes = new HashMap<>();
        Map<String, double[]> costs = new HashMap<>();
        for (UsageLedger.TypeRow row : ledger.performance()) {
            outcomes.put(
                    key(row.taskType(), row.agent()),
                    new Outcomes(row.successes(), row.failures(), row.millis(), row.costUsd()));
            double[] sum = costs.computeIfAbsent(row.agent(), a -> new double[2]);
            sum[0] += row.costUsd();
            sum[1] += row.successes() + row.failures();
        }
        Map<String, Double> average = new HashMap<>();
        costs.forEach((agent, sum) -> average.put(agent, sum[1] == 0 ? 0 : sum[0] / sum[1]));
        return new RoutingSnapshot(
                now, limits.activeAt(now), ledger.recentByAgentOn(UsageLedger.day(now)), outcomes, average);
    }

    private static String key(String type, String agent) {
        return type + "\u0000" + agent;
    }

    RoutingHistory history() {
        return (type, agent) -> outcomes.getOrDefault(key(type, agent), Outcomes.NONE);
    }

    /** What the agent used today: its finished runs, plus one message per run still going. */
    public Capacity.Used used(String agent, int activeRuns) {
        UsageTotals t = today.getOrDefault(agent, UsageTotals.NONE);
        return new Capacity.Used(t.messages() + activeRuns, t.tokens(), t.costUsd());
    }
}
