package dev.baton.store;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The usage ledger: one row per finished run, summed per agent, day (UTC) and project, and per task
 * type for the router's learned statistics. Implementations are thread-safe.
 */
public interface UsageLedger {
    /**
     * Failure reasons that say nothing of an agent's skill (its availability, or a person's choice):
     * left out of {@link #performance()}.
     */
    List<String> SAYS_NOTHING_OF_SKILL =
            List.of("rate_limited", "auth_missing", "binary_missing", "no_agent", "cancelled");

    /** The UTC day ({@code yyyy-mm-dd}) an instant falls on, as the ledger keys its rows. */
    static String day(Instant at) {
        return LocalDate.ofInstant(at, ZoneOffset.UTC).toString();
    }

    /** Adds a finished run; recording the same run twice keeps the first row. */
    void record(LedgerEntry entry);

    /** Totals per agent on one UTC day, by agent name. */
    Map<String, UsageTotals> byAgentOn(String day);

    /**
     * {@link #byAgentOn} as the router asks for it on every dispatcher pass: this instance's own runs
     * at once, other instances' (other processes on the database) within about a second.
     */
    Map<String, UsageTotals> recentByAgentOn(String day);

    /** Totals per project (repository, "" for scratch tasks) on one UTC day, by project. */
    Map<String, UsageTotals> byProjectOn(String day);

    /** One row of {@link #daily}: an agent's totals on a day. */
    record DayRow(String day, String agent, UsageTotals totals) {}

    /** Totals per day and agent from {@code fromDay} on (inclusive), oldest day first, then by agent. */
    List<DayRow> daily(String fromDay);

    /** How each agent did per task type: outcomes that say something about the agent's work. */
    record TypeRow(String taskType, String agent, int successes, int failures, long millis, double costUsd) {}

    /**
     * Successes and failures per task type and agent, with their total duration and cost. Failures
     * that say nothing of the agent's skill ({@link #SAYS_NOTHING_OF_SKILL}) are left out:
     * availability is the router's filter, not its score. This instance's own runs count at once,
     * other instances' within a few seconds.
     */
    List<TypeRow> performance();

    /** An agent's most recent failure: "reason: detail" (or just the reason), or empty. */
    Optional<String> lastError(String agent);
}
