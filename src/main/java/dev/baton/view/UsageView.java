package dev.baton.view;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.baton.route.UsageReport;
import dev.baton.store.UsageTotals;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The usage ledger's report as {@code baton usage --json} prints it: today per agent (keyed by
 * name), the rows per day and agent, and totals per project.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record UsageView(String today, Map<String, Agent> agents, List<Day> days, Map<String, Totals> projects) {

    /** Runs, messages, tokens and cost; the cost rounded to a millionth of a dollar. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Totals(
            long runs, long messages, long inputTokens, long outputTokens, long cachedTokens, double costUsd) {
        public static Totals of(UsageTotals t) {
            return new Totals(
                    t.runs(),
                    t.messages(),
                    t.inputTokens(),
                    t.outputTokens(),
                    t.cachedTokens(),
                    Math.round(t.costUsd() * 1_000_000) / 1_000_000.0);
        }
    }

    /** One agent today: its totals and what its plan leaves. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Agent(
            @JsonUnwrapped Totals totals,
            Long messagesLeft,
            Long tokensLeft,
            String rateLimitedUntil,
            String warning,
            boolean stopped,
            String lastError) {}

    /** One agent's totals on one day. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Day(
            String day, String agent, @JsonUnwrapped Totals totals) {}

    public static UsageView of(UsageReport report) {
        Map<String, Agent> agents = new LinkedHashMap<>();
        for (UsageReport.AgentToday a : report.agents()) {
            agents.put(
                    a.agent(),
                    new Agent(
                            Totals.of(a.totals()),
                            a.messagesLeft(),
                            a.tokensLeft(),
                            a.rateLimitedUntil() == null
                                    ? null
                                    : a.rateLimitedUntil().toString(),
                            a.warning(),
                            a.stopped(),
                            a.lastError()));
        }
        Map<String, Totals> projects = new LinkedHashMap<>();
        report.projects().forEach((project, totals) -> projects.put(project, Totals.of(totals)));
        return new UsageView(
                report.today(),
                agents,
                report.days().stream()
                        .map(row -> new Day(row.day(), row.agent(), Totals.of(row.totals())))
                        .toList(),
                projects);
    }
}
