package dev.baton.store.internal;

import dev.baton.core.StoreException;
import dev.baton.store.LedgerEntry;
import dev.baton.store.UsageLedger;
import dev.baton.store.UsageTotals;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;

/**
 * The {@link UsageLedger} in a {@code usage_ledger} table, in portable SQL. The router's reads are
 * cached (today's totals for a second, the learned history for five seconds) and kept up to date
 * with this instance's own bookings, so a dispatcher pass rarely reads the table. Thread-safe.
 */
public final class JdbiUsageLedger implements UsageLedger {
    private static final String SUMS = "COUNT(*) AS runs, SUM(messages) AS messages, SUM(input_tokens) AS input,"
            + " SUM(output_tokens) AS output, SUM(cached_tokens) AS cached, SUM(cost_usd) AS cost";

    /** How long the learned history read from the table is trusted before it is read again. */
    private static final long PERFORMANCE_TTL_NANOS = 5_000_000_000L;

    private final Jdbi jdbi;
    private final Object performanceLock = new Object();
    private Map<String, TypeRow> performance; // by "type\tagent"; null until read
    private long performanceReadAt;

    /** How long a day's totals read for routing are trusted before they are read again. */
    private static final long TODAY_TTL_NANOS = 1_000_000_000L;

    private final Object todayLock = new Object();
    private String todayDay; // the day of todayByAgent; null until read
    private Map<String, UsageTotals> todayByAgent;
    private long todayReadAt;

    private final DataSource dataSource;

    /** @param dataSource the pool behind {@code jdbi}: the one write per finished run goes to it directly */
    public JdbiUsageLedger(Jdbi jdbi, DataSource dataSource) {
        this.jdbi = jdbi;
        this.dataSource = dataSource;
    }

    private static final String INSERT = "INSERT INTO usage_ledger (run_id, task_id, agent, project, task_type, day,"
            + " finished_at, status, failure_reason, failure_detail, duration_ms, input_tokens, output_tokens,"
            + " cached_tokens, messages, cost_usd) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
            + " ON CONFLICT (run_id) DO NOTHING";

    /**
     * Adds a finished run; recording the same run twice keeps the first row. Plain JDBC: it runs once
     * per finished run, and a Jdbi handle cost more than the insert.
     */
    @Override
    public void record(LedgerEntry e) {
        int inserted;
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement(INSERT)) {
            insert.setString(1, e.runId());
            insert.setString(2, e.taskId());
            insert.setString(3, e.agent());
            insert.setString(4, e.project());
            insert.setString(5, e.taskType());
            insert.setString(6, UsageLedger.day(e.finishedAt()));
            insert.setLong(7, e.finishedAt().toEpochMilli());
            insert.setString(8, e.status());
            insert.setString(9, e.failureReason());
            insert.setString(10, e.failureDetail());
            insert.setLong(11, e.durationMillis());
            insert.setLong(12, e.inputTokens());
            insert.setLong(13, e.outputTokens());
            insert.setLong(14, e.cachedTokens());
            insert.setLong(15, e.messages());
            insert.setDouble(16, e.costUsd());
            inserted = insert.executeUpdate();
        } catch (SQLException x) {
            throw new StoreException("could not book run " + e.runId() + " in the usage ledger: " + x.getMessage(), x);
        }
        if (inserted == 1) {
            addToPerformance(e);
            addToToday(e);
        }
    }

    /** Keeps the day's totals read earlier up to date with this process's own runs. */
    private void addToToday(LedgerEntry e) {
        synchronized (todayLock) {
            if (todayByAgent == null || !UsageLedger.day(e.finishedAt()).equals(todayDay)) return;
            todayByAgent.merge(
                    e.agent(),
                    new UsageTotals(1, e.messages(), e.inputTokens(), e.outputTokens(), e.cachedTokens(), e.costUsd()),
                    UsageTotals::plus);
        }
    }

    /** Keeps the learned history read earlier up to date with this process's own runs. */
    private void addToPerformance(LedgerEntry e) {
        boolean counts = (e.status().equals("succeeded") || e.status().equals("failed"))
                && (e.failureReason() == null || !SAYS_NOTHING_OF_SKILL.contains(e.failureReason()));
        if (!counts) return;
        synchronized (performanceLock) {
            if (performance == null) return;
            boolean ok = e.status().equals("succeeded");
            performance.merge(
                    e.taskType() + "\t" + e.agent(),
                    new TypeRow(e.taskType(), e.agent(), ok ? 1 : 0, ok ? 0 : 1, e.durationMillis(), e.costUsd()),
                    (a, b) -> new TypeRow(
                            a.taskType(),
                            a.agent(),
                            a.successes() + b.successes(),
                            a.failures() + b.failures(),
                            a.millis() + b.millis(),
                            a.costUsd() + b.costUsd()));
        }
    }

    @Override
    public Map<String, UsageTotals> byAgentOn(String day) {
        return grouped(
                "SELECT agent AS k, " + SUMS + " FROM usage_ledger WHERE day = :day GROUP BY agent ORDER BY agent",
                day);
    }

    /** Read at most once a second; this instance's own runs are added as they are booked. */
    @Override
    public Map<String, UsageTotals> recentByAgentOn(String day) {
        synchronized (todayLock) {
            long now = System.nanoTime();
            if (todayByAgent == null || !day.equals(todayDay) || now - todayReadAt > TODAY_TTL_NANOS) {
                todayByAgent = new LinkedHashMap<>(byAgentOn(day));
                todayDay = day;
                todayReadAt = now;
            }
            return Map.copyOf(todayByAgent);
        }
    }

    @Override
    public Map<String, UsageTotals> byProjectOn(String day) {
        return grouped(
                "SELECT project AS k, " + SUMS
                        + " FROM usage_ledger WHERE day = :day GROUP BY project ORDER BY project",
                day);
    }

    private Map<String, UsageTotals> grouped(String sql, String day) {
        Map<String, UsageTotals> out = new LinkedHashMap<>();
        jdbi.useHandle(h -> h.createQuery(sql)
                .bind("day", day)
                .map((rs, ctx) -> Map.entry(rs.getString("k"), totals(rs)))
                .forEach(e -> out.put(e.getKey(), e.getValue())));
        return out;
    }

    @Override
    public List<DayRow> daily(String fromDay) {
        return jdbi.withHandle(h -> h.createQuery("SELECT day, agent, " + SUMS
                        + " FROM usage_ledger WHERE day >= :from GROUP BY day, agent ORDER BY day, agent")
                .bind("from", fromDay)
                .map((rs, ctx) -> new DayRow(rs.getString("day"), rs.getString("agent"), totals(rs)))
                .list());
    }

    /** Read at most every five seconds; this instance's own runs are added as they are booked. */
    @Override
    public List<TypeRow> performance() {
        synchronized (performanceLock) {
            long now = System.nanoTime();
            if (performance == null || now - performanceReadAt > PERFORMANCE_TTL_NANOS) {
                // read again now and then: other processes on this database book runs too
                Map<String, TypeRow> read = new java.util.LinkedHashMap<>();
                readPerformance().forEach(r -> read.put(r.taskType() + "\t" + r.agent(), r));
                performance = read;
                performanceReadAt = now;
            }
            return List.copyOf(performance.values());
        }
    }

    private List<TypeRow> readPerformance() {
        return jdbi.withHandle(h -> h.createQuery("SELECT task_type, agent,"
                        + " SUM(CASE WHEN status = 'succeeded' THEN 1 ELSE 0 END) AS ok,"
                        + " SUM(CASE WHEN status = 'failed' THEN 1 ELSE 0 END) AS failed,"
                        + " SUM(duration_ms) AS millis, SUM(cost_usd) AS cost FROM usage_ledger"
                        + " WHERE status IN ('succeeded', 'failed') AND (failure_reason IS NULL OR failure_reason"
                        + " NOT IN ("
                        + String.join(
                                ", ",
                                SAYS_NOTHING_OF_SKILL.stream()
                                        .map(r -> "'" + r + "'")
                                        .toList())
                        + "))"
                        + " GROUP BY task_type, agent")
                .map((rs, ctx) -> new TypeRow(
                        rs.getString("task_type"),
                        rs.getString("agent"),
                        rs.getInt("ok"),
                        rs.getInt("failed"),
                        rs.getLong("millis"),
                        rs.getDouble("cost")))
                .list());
    }

    @Override
    public Optional<String> lastError(String agent) {
        return jdbi.withHandle(h -> h.createQuery("SELECT failure_reason, failure_detail FROM usage_ledger"
                        + " WHERE agent = :agent AND status = 'failed' ORDER BY finished_at DESC LIMIT 1")
                .bind("agent", agent)
                .map((rs, ctx) -> rs.getString("failure_reason")
                        + (rs.getString("failure_detail") == null ? "" : ": " + rs.getString("failure_detail")))
                .findOne());
    }

    private static UsageTotals totals(ResultSet rs) throws SQLException {
        return new UsageTotals(
                rs.getLong("runs"),
                rs.getLong("messages"),
                rs.getLong("input"),
                rs.getLong("output"),
                rs.getLong("cached"),
                rs.getDouble("cost"));
    }
}
