package dev.baton.server.api;

import dev.baton.Baton;
import dev.baton.route.UsageReport;
import dev.baton.server.JsonSupport;
import dev.baton.store.UsageTotals;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code GET /api/usage}: the usage ledger's figures, the document {@code baton usage --json}
 * prints — today per agent with what is left of its plan and its rate-limit state, the last days
 * per agent, and today per project.
 */
public final class UsageRoutes {
    /** The range this endpoint has always taken (the CLI's --days goes further back: up to 366). */
    private static final int MAX_DAYS = 14;

    private final Baton baton;
    private final Clock clock;

    public UsageRoutes(Baton baton, Clock clock) {
        this.baton = baton;
        this.clock = clock;
    }

    public void register(RoutesConfig routes) {
        routes.get("/api/usage", this::usage);
    }

    private void usage(Context ctx) {
        int days = Params.intParam(ctx, "days", 7, 1, MAX_DAYS);
        UsageReport report = baton.usage(days, clock.instant());
        JsonSupport.respond(ctx, view(report));
    }

    /** The fields of {@code baton usage --json}. */
    private static Map<String, Object> view(UsageReport report) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("today", report.today());
        Map<String, Object> agents = new LinkedHashMap<>();
        for (UsageReport.AgentToday a : report.agents()) {
            Map<String, Object> agent = new LinkedHashMap<>(totals(a.totals()));
            agent.put("messages_left", a.messagesLeft());
            agent.put("tokens_left", a.tokensLeft());
            agent.put(
                    "rate_limited_until",
                    a.rateLimitedUntil() == null ? null : a.rateLimitedUntil().toString());
            agent.put("warning", a.warning());
            agent.put("stopped", a.stopped());
            agent.put("last_error", a.lastError());
            agents.put(a.agent(), agent);
        }
        out.put("agents", agents);
        out.put(
                "days",
                report.days().stream()
                        .map(row -> {
                            Map<String, Object> r = new LinkedHashMap<>();
                            r.put("day", row.day());
                            r.put("agent", row.agent());
                            r.putAll(totals(row.totals()));
                            return r;
                        })
                        .toList());
        Map<String, Object> projects = new LinkedHashMap<>();
        report.projects().forEach((p, t) -> projects.put(p, totals(t)));
        out.put("projects", projects);
        return out;
    }

    private static Map<String, Object> totals(UsageTotals t) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("runs", t.runs());
        out.put("messages", t.messages());
        out.put("input_tokens", t.inputTokens());
        out.put("output_tokens", t.outputTokens());
        out.put("cached_tokens", t.cachedTokens());
        out.put("cost_usd", Math.round(t.costUsd() * 1_000_000) / 1_000_000.0);
        return out;
    }
}
