package dev.baton.route;

import dev.baton.store.RateLimits;
import dev.baton.store.UsageLedger;
import dev.baton.store.UsageTotals;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Usage as people read it: per agent today (with what its plan leaves and its last error), per day
 * over the last days, and per project today. Read from the usage ledger. Immutable once built.
 *
 * @param agents one line per agent that is registered or used today
 * @param days totals per day and agent, oldest first
 * @param projects today's totals per project ("" for scratch tasks)
 */
public record UsageReport(
        String today, List<AgentToday> agents, List<UsageLedger.DayRow> days, Map<String, UsageTotals> projects) {

    /**
     * One agent today.
     *
     * @param messagesLeft messages its plan leaves today before the stop threshold, or null without a limit
     * @param tokensLeft tokens its plan leaves today before the stop threshold, or null without a limit
     * @param rateLimitedUntil when its rate limit lifts, or null
     * @param lastError its most recent failure, or null
     * @param warning past the warn threshold: what it used, or null
     */
    public record AgentToday(
            String agent,
            UsageTotals totals,
            Long messagesLeft,
            Long tokensLeft,
            Instant rateLimitedUntil,
            String lastError,
            String warning,
            boolean stopped) {}

    public static UsageReport build(
            RoutingTables tables, RoutingConfig config, List<String> registered, int days, Instant now) {
        if (days < 1 || days > 366) throw new dev.baton.core.InvalidInputException("--days must be 1 to 366");
        String today = UsageLedger.day(now);
        Map<String, UsageTotals> byAgent = tables.ledger().byAgentOn(today);
        Map<String, RateLimits.Limit> limits = tables.rateLimits().activeAt(now);
        TreeSet<String> names = new TreeSet<>(registered);
        names.addAll(byAgent.keySet());
        List<AgentToday> agents = new ArrayList<>();
        for (String name : names) {
            UsageTotals t = byAgent.getOrDefault(name, UsageTotals.NONE);
            AgentPlan plan = config.plans().getOrDefault(name, AgentPlan.unlimited(name, null));
            Capacity.Check check =
                    config.capacity().check(plan, new Capacity.Used(t.messages(), t.tokens(), t.costUsd()));
            Long tokensLeft = plan.tokensPerDay() == null
                    ? null
                    : Math.max(0, (long) Math.floor(config.capacity().stopAt() * plan.tokensPerDay()) - t.tokens());
            RateLimits.Limit limit = limits.get(name);
            agents.add(new AgentToday(
                    name,
                    t,
                    plan.messagesPerDay() == null ? null : check.messagesLeft(),
                    tokensLeft,
                    limit == null ? null : limit.until(),
                    tables.ledger().lastError(name).orElse(null),
                    check.warning(),
                    check.stopped()));
        }
        String from = UsageLedger.day(now.minus(Duration.ofDays(days - 1)));
        return new UsageReport(
                today,
                agents,
                tables.ledger().daily(from),
                new LinkedHashMap<>(tables.ledger().byProjectOn(today)));
    }
}
