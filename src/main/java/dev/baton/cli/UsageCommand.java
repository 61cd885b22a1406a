package dev.baton.cli;

import dev.baton.Baton;
import dev.baton.route.UsageReport;
import dev.baton.store.UsageLedger;
import dev.baton.view.UsageView;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "usage",
        description = "Tokens, messages and cost per agent today and over the last days (from the usage ledger).")
final class UsageCommand implements Callable<Integer> {
    @Mixin
    HomeOption home;

    @Option(names = "--days", paramLabel = "N", defaultValue = "7", description = "Days to show (default 7)")
    int days;

    @Option(names = "--json", description = "Print JSON")
    boolean json;

    @Option(
            names = "--export",
            paramLabel = "DIR",
            description = "Write one markdown file per agent (YAML frontmatter) into DIR")
    Path export;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        var out = spec.commandLine().getOut();
        try (Baton baton = home.open()) {
            UsageReport report = baton.usage(days, Instant.now());
            if (export != null) {
                List<Path> files = UsageExport.write(report, export);
                files.forEach(f -> out.println("wrote " + f));
                return Main.OK;
            }
            if (json) {
                out.println(Json.write(UsageView.of(report)));
                return Main.OK;
            }
            out.println("Today (" + report.today() + ", UTC):");
            Table today = new Table(
                    "AGENT", "RUNS", "MESSAGES", "TOKENS IN", "TOKENS OUT", "CACHED", "COST", "LEFT", "STATE");
            for (UsageReport.AgentToday a : report.agents()) {
                today.row(
                        a.agent(),
                        a.totals().runs(),
                        a.totals().messages(),
                        a.totals().inputTokens(),
                        a.totals().outputTokens(),
                        a.totals().cachedTokens(),
                        money(a.totals().costUsd()),
                        left(a),
                        state(a));
            }
            today.print(out);
            out.println();
            out.println("Last " + days + " day(s):");
            if (report.days().isEmpty()) {
                out.println("  no runs");
            } else {
                Table daily = new Table("DAY", "AGENT", "RUNS", "MESSAGES", "TOKENS", "COST");
                for (UsageLedger.DayRow row : report.days()) {
                    daily.row(
                            row.day(),
                            row.agent(),
                            row.totals().runs(),
                            row.totals().messages(),
                            row.totals().tokens(),
                            money(row.totals().costUsd()));
                }
                daily.print(out);
            }
            if (!report.projects().isEmpty()) {
                out.println();
                out.println("Today per project:");
                Table projects = new Table("PROJECT", "RUNS", "TOKENS", "COST");
                report.projects()
                        .forEach((project, t) -> projects.row(
                                project.isEmpty() ? "(scratch)" : project, t.runs(), t.tokens(), money(t.costUsd())));
                projects.print(out);
            }
        }
        return Main.OK;
    }

    private static String left(UsageReport.AgentToday a) {
        if (a.messagesLeft() == null && a.tokensLeft() == null) return "no limit";
        StringBuilder text = new StringBuilder();
        if (a.messagesLeft() != null) text.append(a.messagesLeft()).append(" msgs");
        if (a.tokensLeft() != null) {
            if (!text.isEmpty()) text.append(", ");
            text.append(a.tokensLeft()).append(" tokens");
        }
        return text.toString();
    }

    private static String state(UsageReport.AgentToday a) {
        if (a.rateLimitedUntil() != null) return "rate-limited until " + a.rateLimitedUntil();
        if (a.stopped()) return "stopped for today: " + a.warning();
        if (a.warning() != null) return "warning: " + a.warning();
        return "ok";
    }

    static String money(double usd) {
        return String.format(Locale.ROOT, "$%.4f", usd);
    }
}
