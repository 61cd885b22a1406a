package dev.baton.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.core.InvalidInputException;
import dev.baton.format.Jackson;
import dev.baton.route.UsageReport;
import dev.baton.store.UsageLedger;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes current usage as one markdown file per agent ({@code AGENT.md}) with YAML frontmatter, for
 * people who keep a notes folder: messages_today, tokens_today, limit_remaining, last_error, and a
 * table of the last days below.
 */
final class UsageExport {
    private static final ObjectMapper YAML = Jackson.yamlWriter();

    private UsageExport() {}

    static List<Path> write(UsageReport report, Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new InvalidInputException("cannot create the export folder " + dir + ": " + e.getMessage());
        }
        List<Path> written = new ArrayList<>();
        for (UsageReport.AgentToday a : report.agents()) {
            Path file = dir.resolve(a.agent() + ".md");
            try {
                Files.writeString(file, document(report, a));
            } catch (IOException e) {
                throw new InvalidInputException("cannot write " + file + ": " + e.getMessage());
            }
            written.add(file);
        }
        return written;
    }

    static String document(UsageReport report, UsageReport.AgentToday a) {
        Map<String, Object> front = new LinkedHashMap<>();
        front.put("agent", a.agent());
        front.put("date", report.today());
        front.put("messages_today", a.totals().messages());
        front.put("tokens_today", a.totals().tokens());
        front.put("cached_tokens_today", a.totals().cachedTokens());
        front.put("cost_today_usd", Math.round(a.totals().costUsd() * 1_000_000) / 1_000_000.0);
        // Messages left under the plan when it limits messages, else tokens left, else null (no limit).
        front.put("limit_remaining", a.messagesLeft() != null ? a.messagesLeft() : a.tokensLeft());
        front.put(
                "rate_limited_until",
                a.rateLimitedUntil() == null ? null : a.rateLimitedUntil().toString());
        front.put("last_error", a.lastError());
        StringBuilder text = new StringBuilder("---\n");
        try {
            text.append(YAML.writeValueAsString(front));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        text.append("---\n\n# ").append(a.agent()).append(" usage\n\n");
        text.append("| day | runs | messages | tokens | cost |\n|---|---|---|---|---|\n");
        for (UsageLedger.DayRow row : report.days()) {
            if (!row.agent().equals(a.agent())) continue;
            text.append("| ")
                    .append(row.day())
                    .append(" | ")
                    .append(row.totals().runs())
                    .append(" | ")
                    .append(row.totals().messages())
                    .append(" | ")
                    .append(row.totals().tokens())
                    .append(" | ")
                    .append(UsageCommand.money(row.totals().costUsd()))
                    .append(" |\n");
        }
        return text.toString();
    }
}
