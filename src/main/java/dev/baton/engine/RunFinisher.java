package dev.baton.engine;

import dev.baton.agent.AgentRegistry;
import dev.baton.agent.RunOutcome;
import dev.baton.agent.Transcript;
import dev.baton.core.BatonException;
import dev.baton.core.Event;
import dev.baton.core.EventTypes;
import dev.baton.core.FailureReason;
import dev.baton.core.Run;
import dev.baton.core.RunResult;
import dev.baton.core.RunStatus;
import dev.baton.core.StaleVersionException;
import dev.baton.core.Task;
import dev.baton.core.TaskStatus;
import dev.baton.gate.Gatekeeper;
import dev.baton.integrate.RunVerifier;
import dev.baton.route.Failover;
import dev.baton.route.RoutingEvents;
import dev.baton.route.RunAccounting;
import dev.baton.session.RunFiles;
import dev.baton.store.Changes;
import dev.baton.store.Recorder;
import dev.baton.store.Store;
import dev.baton.workspace.Worktree;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records how a run ended: commits what the agent left in its worktree (nothing is lost), reads the
 * outcome through the agent's adapter, and moves the task on — completed, retrying with backoff, or
 * failed. A task cancelled meanwhile stays cancelled. Thread-safe.
 */
final class RunFinisher {
    private static final Logger log = LoggerFactory.getLogger(RunFinisher.class);
    private static final int MAX_CONFLICT_RETRIES = 5;
    /** The exit codes a shell records for a process ended by SIGKILL and by SIGTERM (128 + signal). */
    private static final int KILLED = 128 + 9;

    private static final int TERMINATED = 128 + 15;

    private final Recorder recorder;
    private final AgentRegistry agents;
    private final Workdirs workdirs;
    private final RetryPolicy retries;
    private final Failover failover;
    private final RunAccounting accounting;
    private final Clock clock;
    private final RunVerifier verifier;

    RunFinisher(
            Recorder recorder,
            AgentRegistry agents,
            Workdirs workdirs,
            RetryPolicy retries,
            Failover failover,
            RunAccounting accounting,
            Clock clock,
            RunVerifier verifier) {
        this.verifier = verifier;
        this.recorder = recorder;
        this.agents = agents;
        this.workdirs = workdirs;
        this.retries = retries;
        this.failover = failover;
        this.accounting = accounting;
        this.clock = clock;
    }

    /** Finishes a run whose process ended or was stopped; the transcript holds what its agent reported. */
    void finish(Run run, RunEnding ending, Transcript transcript) {
        RunOutcome agentOutcome = outcomeOf(run, ending, transcript);
        RunResult result = commitAndSummarize(run, agentOutcome.summary())
                .withAgentReport(transcript.sessionId(), transcript.usage());
        RunOutcome outcome = verifier.verify(run, agentOutcome);
        record(
                run,
                outcome,
                ending.exitCode().isPresent() ? ending.exitCode().getAsInt() : null,
                result,
                transcript.resetAt());
    }

    /** Finishes a run that never got a process (workspace or launch failure). */
    void failBeforeLaunch(Run run, FailureReason reason, String detail) {
        record(run, RunOutcome.failure(reason, detail, null), null, RunResult.EMPTY, null);
    }

    private RunOutcome outcomeOf(Run run, RunEnding ending, Transcript transcript) {
        if (ending.stoppedFor() != null) {
            return RunOutcome.failure(ending.stoppedFor(), ending.detail(), transcript.summary());
        }
        if (ending.exitCode().isEmpty()) {
            return RunOutcome.failure(
                    FailureReason.LOST, "the agent process ended without recording an exit code (killed?)", null);
        }
        int code = ending.exitCode().getAsInt();
        if (code == KILLED || code == TERMINATED) {
            // Baton's own stops (cancel, timeout, stall) arrive as stoppedFor above: this came from outside
            return RunOutcome.failure(
                    FailureReason.LOST,
                    "the agent process was killed from outside Baton (SIG" + (code == KILLED ? "KILL" : "TERM")
                            + ", exit code " + code + "); the machine shutting down or running out of memory does this",
                    null);
        }
        RunFiles files = new RunFiles(Path.of(run.runDir()));
        return agents.find(run.agent())
                .map(profile ->
                        agents.adapterFor(profile).outcome(ending.exitCode().getAsInt(), files, transcript))
                .orElseGet(() -> RunOutcome.failure(
                        FailureReason.NO_AGENT, "agent " + run.agent() + " is no longer registered", null));
    }

    private RunResult commitAndSummarize(Run run, String summary) {
        Store store = recorder.store();
        Optional<Task> task = store.findTask(run.taskId());
        if (task.isEmpty() || task.get().spec().repo() == null) {
            return new RunResult(java.util.List.of(), 0, 0, 0, summary);
        }
        try {
            Optional<Worktree> worktree = workdirs.worktree(task.get());
            if (worktree.isEmpty()) return new RunResult(java.util.List.of(), 0, 0, 0, summary);
            String commit = workdirs.workspaces()
                    .commitLeftovers(
                            worktree.get(),
                            "baton: changes left by " + run.agent() + " in run " + run.id() + "\n\nTask: "
                                    + task.get().spec().title());
            if (commit != null) {
                recorder.apply(Changes.builder()
                        .event(Event.of(
                                clock.instant(),
                                run.taskId(),
                                run.id(),
                                EventTypes.WORKSPACE_COMMITTED,
                                Map.of(
                                        "commit",
                                        commit,
                                        "branch",
                                        worktree.get().branch())))
                        .build());
            }
            return workdirs.workspaces().summarize(worktree.get(), summary);
        } catch (BatonException e) {
            log.warn("could not commit the leftovers of run {}: {}", run.id(), e.getMessage());
            return new RunResult(java.util.List.of(), 0, 0, 0, summary);
        }
    }

    private void record(Run run, RunOutcome outcome, Integer exitCode, RunResult result, Instant resetAt) {
        Store store = recorder.store();
        if (outcome.reason() == FailureReason.RATE_LIMITED) {
            accounting.rateLimited(run, resetAt, outcome.detail(), clock.instant());
        }
        Run current = run;
        for (int attempt = 0; ; attempt++) {
            Task task = store.findTask(run.taskId()).orElseThrow();
            try {
                recorder.apply(changesFor(task, current, outcome, exitCode, result, resetAt));
                store.findRun(run.id()).ifPresent(finished -> accounting.book(task, finished));
                return;
            } catch (StaleVersionException e) {
                if (attempt >= MAX_CONFLICT_RETRIES) throw e;
                current = store.findRun(run.id()).orElseThrow();
                if (current.status().isTerminal()) return;
            }
        }
    }

    /**
     * A red verify goes back to the agent at once, up to the project's {@code verify_attempts}
     * further attempts (the task's own retries still count for other failures).
     */
    private Optional<Duration> verifyRetry(Task task) {
        int allowed;
        try {
            allowed = Gatekeeper.projectOf(task).verifyAttempts();
        } catch (BatonException e) {
            return Optional.empty();
        }
        long verifyFailuresBefore = recorder.store().runsOf(task.id()).stream()
                .filter(r -> r.status().isTerminal() && r.failureReason() == FailureReason.VERIFY_FAILED)
                .count();
        return verifyFailuresBefore < allowed ? Optional.of(Duration.ZERO) : Optional.empty();
    }

    private Changes changesFor(
            Task task, Run run, RunOutcome outcome, Integer exitCode, RunResult result, Instant resetAt) {
        Instant now = clock.instant();
        Changes.Builder changes = Changes.builder();
        boolean cancelled = task.status() == TaskStatus.CANCELLED || outcome.reason() == FailureReason.CANCELLED;
        RunStatus runStatus =
                outcome.succeeded() ? RunStatus.SUCCEEDED : cancelled ? RunStatus.CANCELLED : RunStatus.FAILED;
        FailureReason reason = cancelled && !outcome.succeeded() ? FailureReason.CANCELLED : outcome.reason();
        changes.update(run.finished(runStatus, exitCode, reason, outcome.detail(), result, now));

        Map<String, Object> data = new LinkedHashMap<>();
        data.put("status", runStatus.wireName());
        if (exitCode != null) data.put("exit_code", exitCode);
        if (reason != null) data.put("reason", reason.wireName());
        if (outcome.detail() != null) data.put("detail", outcome.detail());
        data.put("duration_ms", Duration.between(run.startedAt(), now).toMillis());
        data.put("files_changed", result.filesChanged());
        changes.event(Event.of(now, task.id(), run.id(), EventTypes.RUN_FINISHED, data));

        if (task.status().isTerminal() || task.attempts() != run.attempt()) {
            return changes.build(); // cancelled meanwhile, or a newer attempt owns the task
        }
        if (outcome.succeeded()) {
            changes.update(task.moveTo(TaskStatus.COMPLETED, now));
            changes.event(Event.of(now, task.id(), run.id(), EventTypes.TASK_COMPLETED, Map.of()));
            return changes.build();
        }
        if (!cancelled) {
            Optional<Failover.Hop> hop =
                    failover.next(task, run, reason, now, recorder.store().runsOf(task.id()));
            if (hop.isPresent()) {
                changes.update(task.moveTo(TaskStatus.RETRYING, now)
                        .withFailure(reason, outcome.detail())
                        .withNotBefore(now));
                Map<String, Object> moved = new LinkedHashMap<>();
                moved.put("from", run.agent());
                moved.put("to", hop.get().to());
                moved.put("reason", reason.wireName());
                moved.put("hop", hop.get().number());
                moved.put("max", hop.get().max());
                if (outcome.detail() != null) moved.put("detail", outcome.detail());
                changes.event(Event.of(now, task.id(), run.id(), RoutingEvents.TASK_FAILOVER, moved));
                return changes.build();
            }
        }
        Optional<Duration> delay = (reason == FailureReason.VERIFY_FAILED
                        ? verifyRetry(task)
                        : retries.nextDelay(task, reason))
                // A rate limit that says when it lifts: no point trying before then.
                .map(backoff -> resetAt != null && resetAt.isAfter(now.plus(backoff))
                        ? Duration.between(now, resetAt)
                        : backoff);
        if (delay.isPresent()) {
            changes.update(task.moveTo(TaskStatus.RETRYING, now)
                    .withFailure(reason, outcome.detail())
                    .withNotBefore(now.plus(delay.get())));
            changes.event(Event.of(
                    now,
                    task.id(),
                    run.id(),
                    EventTypes.TASK_RETRYING,
                    Map.of("reason", reason.wireName(), "delay_ms", delay.get().toMillis())));
        } else {
            changes.update(task.fail(TaskStatus.FAILED, reason, outcome.detail(), now));
            changes.event(Event.of(
                    now,
                    task.id(),
                    run.id(),
                    EventTypes.TASK_FAILED,
                    Map.of("reason", reason.wireName(), "detail", String.valueOf(outcome.detail()))));
        }
        return changes.build();
    }
}
