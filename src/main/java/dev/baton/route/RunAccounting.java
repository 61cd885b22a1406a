package dev.baton.route;

import dev.baton.core.Event;
import dev.baton.core.Run;
import dev.baton.core.Task;
import dev.baton.store.Changes;
import dev.baton.store.LedgerEntry;
import dev.baton.store.Recorder;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Books what a finished run used into the usage ledger, and records an agent's rate limit so routing
 * keeps away from it until the limit lifts (across restarts). Thread-safe.
 */
public final class RunAccounting {
    private final Recorder recorder;
    private final RoutingTables tables;

    public RunAccounting(Recorder recorder, RoutingTables tables) {
        this.recorder = recorder;
        this.tables = tables;
    }

    /**
     * The agent is limited until {@code resetAt}. Without a reset time nothing is recorded: the
     * failed task leaves the agent (failover) or waits out its retry backoff.
     */
    public void rateLimited(Run run, Instant resetAt, String detail, Instant now) {
        if (resetAt == null || !resetAt.isAfter(now)) return;
        Instant until = resetAt;
        tables.rateLimits().limit(run.agent(), until, detail, now);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("agent", run.agent());
        data.put("until", until.toString());
        if (detail != null) data.put("detail", detail);
        recorder.apply(Changes.builder()
                .event(Event.of(now, run.taskId(), run.id(), RoutingEvents.AGENT_RATE_LIMITED, data))
                .build());
    }

    /** Adds a finished run to the ledger (once; a second call for the same run changes nothing). */
    public void book(Task task, Run run) {
        if (!run.status().isTerminal()) return;
        Instant end = run.finishedAt() != null ? run.finishedAt() : run.startedAt();
        var usage = run.result().usage();
        tables.ledger()
                .record(new LedgerEntry(
                        run.id().value(),
                        task.id().value(),
                        run.agent(),
                        task.spec().repo() == null ? "" : task.spec().repo(),
                        task.spec().type(),
                        end,
                        run.status().wireName(),
                        run.failureReason() == null ? null : run.failureReason().wireName(),
                        run.failureDetail(),
                        Duration.between(run.startedAt(), end).toMillis(),
                        usage.inputTokens(),
                        usage.outputTokens(),
                        usage.cachedTokens(),
                        run.pid() == null ? 0 : 1, // a run that never launched sent nothing
                        usage.costUsd() == null ? 0 : usage.costUsd()));
    }
}
