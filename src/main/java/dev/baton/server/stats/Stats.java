package dev.baton.server.stats;

import dev.baton.core.Run;
import dev.baton.core.RunId;
import dev.baton.core.RunStatus;
import dev.baton.core.TaskStatus;
import dev.baton.store.Overview;
import dev.baton.tasks.TaskService;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Figures for the status endpoint, the charts and the agents page, computed
 * from the store: task counts, and the runs of the last {@link #WINDOW_DAYS} days (cached briefly,
 * so a busy dashboard does not read them on every request). Days are UTC days. Thread-safe.
 */
public final class Stats {
    public static final int WINDOW_DAYS = 14;
    private static final int MAX_RUNS = 20_000;
    private static final Duration CACHE_FOR = Duration.ofSeconds(2);
    private static final int SAMPLES = 720;

    private final TaskService store;
    private final Overview overview;
    private final Clock clock;
    private final Deque<Map<String, Object>> queueSamples = new ArrayDeque<>();
    private List<Run> cachedRuns = List.of();
    private long cachedUntil;
    private Map<TaskStatus, Long> cachedCounts;
    private long countsUntil;

    public Stats(TaskService store, Overview overview, Clock clock) {
        this.store = store;
        this.overview = overview;
        this.clock = clock;
    }

    /** Task counts, at most a moment old (for gauges scraped often). */
    public synchronized Map<TaskStatus, Long> taskCounts() {
        long now = System.nanoTime();
        if (cachedCounts == null || now > countsUntil) {
            cachedCounts = overview.taskCounts();
            countsUntil = now + CACHE_FOR.toNanos() / 4;
        }
        return cachedCounts;
    }

    public long queueDepth() {
        Map<TaskStatus, Long> c = taskCounts();
        return c.get(TaskStatus.QUEUED) + c.get(TaskStatus.RETRYING) + c.get(TaskStatus.WAITING_APPROVAL);
    }

    public long running() {
        Map<TaskStatus, Long> c = taskCounts();
        return c.get(TaskStatus.ROUTED) + c.get(TaskStatus.RUNNING) + c.get(TaskStatus.VERIFYING);
    }

    /** Runs started in the window, oldest first. */
    public synchronized List<Run> recentRuns() {
        long now = System.nanoTime();
        if (now > cachedUntil) {
            Instant since = startOfDay(clock.instant()).minus(Duration.ofDays(WINDOW_DAYS - 1));
            List<Run> runs = new ArrayList<>();
            for (RunId id : overview.runsStartedSince(since, MAX_RUNS)) {
                store.run(id).ifPresent(runs::add);
            }
            cachedRuns = List.copyOf(runs);
            cachedUntil = now + CACHE_FOR.toNanos();
        }
        return cachedRuns;
    }

    /** Records the queue depth now, for the chart (called every few seconds). */
    public void sample() {
        Map<String, Object> point = new LinkedHashMap<>();
        point.put("at", clock.instant().truncatedTo(ChronoUnit.SECONDS).toString());
        point.put("queued", queueDepth());
        point.put("running", running());
        synchronized (queueSamples) {
            queueSamples.addLast(point);
            while (queueSamples.size() > SAMPLES) queueSamples.removeFirst();
        }
    }

    public Map<String, Object> status() {
        Instant now = clock.instant();
        List<Run> runs = recentRuns();
        List<Run> lastDay = finishedSince(runs, now.minus(Duration.ofHours(24)));
        List<Run> lastHour = finishedSince(runs, now.minus(Duration.ofHours(1)));
        Map<TaskStatus, Long> fresh = overview.taskCounts();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put(
                "queue_depth",
                fresh.get(TaskStatus.QUEUED) + fresh.get(TaskStatus.RETRYING) + fresh.get(TaskStatus.WAITING_APPROVAL));
        out.put(
                "running",
                fresh.get(TaskStatus.ROUTED) + fresh.get(TaskStatus.RUNNING) + fresh.get(TaskStatus.VERIFYING));
        Map<String, Long> counts = new LinkedHashMap<>();
        fresh.forEach((s, n) -> counts.put(s.wireName(), n));
        out.put("tasks", counts);
        out.put("runs_finished_last_hour", lastHour.size());
        out.put("runs_finished_last_24h", lastDay.size());
        out.put("throughput_per_hour", lastHour.size());
        out.put("success_rate_24h", successRate(lastDay).orElse(null));
        out.put("p95_run_seconds_24h", p95Seconds(lastDay).orElse(null));
        out.put("at", now.toString());
        return out;
    }

    /** Today's totals and the success rate over the window for one agent. */
    public Map<String, Object> agentFigures(String agent) {
        Instant today = startOfDay(clock.instant());
        Totals todays = new Totals();
        List<Run> finished = new ArrayList<>();
        for (Run run : recentRuns()) {
            if (!run.agent().equals(agent)) continue;
            if (!run.startedAt().isBefore(today)) todays.add(run);
            if (run.finishedAt() != null) finished.add(run);
        }
        Map<String, Object> out = new LinkedHashMap<>(todays.view());
        out.put("success_rate", successRate(finished).orElse(null));
        out.put("finished_runs", finished.size());
        return out;
    }

    /** The chart series: hourly throughput (24 h), daily success rate, p95 duration and cost, queue depth. */
    public Map<String, Object> series() {
        Instant now = clock.instant();
        List<Run> runs = recentRuns();
        List<Map<String, Object>> hourly = new ArrayList<>();
        Instant firstHour = now.truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(23));
        for (int i = 0; i < 24; i++) {
            Instant from = firstHour.plus(Duration.ofHours(i));
            Instant to = from.plus(Duration.ofHours(1));
            List<Run> inHour = runs.stream()
                    .filter(r -> r.finishedAt() != null
                            && !r.finishedAt().isBefore(from)
                            && r.finishedAt().isBefore(to))
                    .toList();
            Map<String, Object> point = new LinkedHashMap<>();
            point.put("hour", from.toString());
            point.put(
                    "succeeded",
                    inHour.stream()
                            .filter(r -> r.status() == RunStatus.SUCCEEDED)
                            .count());
            point.put(
                    "failed",
                    inHour.stream().filter(r -> r.status() == RunStatus.FAILED).count());
            hourly.add(point);
        }
        List<Map<String, Object>> daily = new ArrayList<>();
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        for (int i = WINDOW_DAYS - 1; i >= 0; i--) {
            String day = today.minusDays(i).toString();
            List<Run> finished = runs.stream()
                    .filter(r -> r.finishedAt() != null && day(r.finishedAt()).equals(day))
                    .toList();
            Totals cost = new Totals();
            runs.stream().filter(r -> day(r.startedAt()).equals(day)).forEach(cost::add);
            Map<String, Object> point = new LinkedHashMap<>();
            point.put("day", day);
            point.put("finished", finished.size());
            point.put("success_rate", successRate(finished).orElse(null));
            point.put("p95_seconds", p95Seconds(finished).orElse(null));
            point.put("cost_usd", cost.cost);
            point.put("tokens", cost.input + cost.output);
            daily.add(point);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("hourly", hourly);
        out.put("daily", daily);
        synchronized (queueSamples) {
            out.put("queue", List.copyOf(queueSamples));
        }
        return out;
    }

    private static List<Run> finishedSince(List<Run> runs, Instant since) {
        return runs.stream()
                .filter(r -> r.finishedAt() != null && !r.finishedAt().isBefore(since))
                .toList();
    }

    /** Succeeded over succeeded + failed (cancelled runs say nothing about the agents). */
    static Optional<Double> successRate(List<Run> finished) {
        long ok =
                finished.stream().filter(r -> r.status() == RunStatus.SUCCEEDED).count();
        long failed =
                finished.stream().filter(r -> r.status() == RunStatus.FAILED).count();
        return ok + failed == 0 ? Optional.empty() : Optional.of(ok / (double) (ok + failed));
    }

    static Optional<Double> p95Seconds(List<Run> finished) {
        long[] millis = finished.stream()
                .filter(r -> r.finishedAt() != null)
                .mapToLong(r -> Duration.between(r.startedAt(), r.finishedAt()).toMillis())
                .sorted()
                .toArray();
        if (millis.length == 0) return Optional.empty();
        int index = (int) Math.ceil(0.95 * millis.length) - 1;
        return Optional.of(millis[Math.max(0, index)] / 1000.0);
    }

    private static Instant startOfDay(Instant at) {
        return at.truncatedTo(ChronoUnit.DAYS);
    }

    private static String day(Instant at) {
        return LocalDate.ofInstant(at, ZoneOffset.UTC).toString();
    }

    private static final class Totals {
        long runs;
        long input;
        long output;
        long cached;
        double cost;

        void add(Run run) {
            runs++;
            input += run.result().usage().inputTokens();
            output += run.result().usage().outputTokens();
            cached += run.result().usage().cachedTokens();
            if (run.result().usage().costUsd() != null)
                cost += run.result().usage().costUsd();
        }

        Map<String, Object> view() {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("runs", runs);
            out.put("input_tokens", input);
            out.put("output_tokens", output);
            out.put("cached_tokens", cached);
            out.put("cost_usd", Math.round(cost * 1_000_000) / 1_000_000.0);
            return out;
        }
    }
}
