package dev.baton.gate;

import dev.baton.core.Decision;
import dev.baton.core.DecisionId;
import dev.baton.core.DecisionKind;
import dev.baton.core.DecisionStatus;
import dev.baton.core.Event;
import dev.baton.core.EventTypes;
import dev.baton.core.FailureReason;
import dev.baton.core.InvalidInputException;
import dev.baton.core.NotFoundException;
import dev.baton.core.RunId;
import dev.baton.core.StaleVersionException;
import dev.baton.core.Task;
import dev.baton.core.TaskStatus;
import dev.baton.store.Changes;
import dev.baton.store.Recorder;
import dev.baton.store.Store;
import dev.baton.tasks.TaskService;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * Human decisions: asking (with the task change that waits on it, in one transaction), answering,
 * expiring. An answer to a start gate moves its task on — approved back to the queue, rejected (or
 * expired) to cancelled with the reason. An approved conflict asks the task's agent, in a follow-up
 * task, to merge the base branch and resolve it. Thread-safe.
 */
public final class DecisionService {
    private static final int MAX_CONFLICT_RETRIES = 5;

    private final Recorder recorder;
    private final TaskService tasks;
    private final Clock clock;
    private final RandomGenerator random;

    public DecisionService(Recorder recorder, TaskService tasks, Clock clock, RandomGenerator random) {
        this.recorder = recorder;
        this.tasks = tasks;
        this.clock = clock;
        this.random = random;
    }

    private Store store() {
        return recorder.store();
    }

    public List<Decision> list(Set<DecisionStatus> statuses, int limit) {
        return store().listDecisions(statuses, limit);
    }

    public List<Decision> pending() {
        return list(Set.of(DecisionStatus.PENDING), 1000);
    }

    public Decision get(DecisionId id) {
        return store().findDecision(id).orElseThrow(() -> NotFoundException.decision(id));
    }

    /** A new pending decision, to be stored with {@code changes} (and its event) in one transaction. */
    Decision ask(
            Changes.Builder changes,
            Task task,
            RunId run,
            DecisionKind kind,
            String question,
            Map<String, Object> details,
            Duration timeout) {
        Instant now = clock.instant();
        Decision decision = Decision.ask(
                DecisionId.generate(random),
                task.id(),
                run,
                kind,
                question,
                details,
                now,
                timeout == null ? null : now.plus(timeout));
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("decision", decision.id().value());
        data.put("kind", kind.wireName());
        data.put("question", question);
        changes.insert(decision).event(Event.of(now, task.id(), run, EventTypes.DECISION_NEEDED, data));
        return decision;
    }

    /** Asks on its own (not tied to a task change). */
    public Decision ask(Task task, DecisionKind kind, String question, Map<String, Object> details, Duration timeout) {
        Changes.Builder changes = Changes.builder();
        Decision decision = ask(changes, task, null, kind, question, details, timeout);
        return recorder.apply(changes.build()).decision(decision.id());
    }

    public Decision approve(DecisionId id, String by, String why) {
        return answer(id, true, by, why);
    }

    /** Rejects; a reason is required, so the agent or the next person knows why. */
    public Decision reject(DecisionId id, String by, String why) {
        if (why == null || why.isBlank()) {
            throw new InvalidInputException("say why the decision is rejected (--why TEXT, or \"why\" in the body)");
        }
        return answer(id, false, by, why);
    }

    /** Expires every pending decision whose time is up; returns how many. */
    public int expireDue(Instant now) {
        int expired = 0;
        for (Decision decision : pending()) {
            if (!decision.isDue(now)) continue;
            try {
                settle(decision.expire(now), now);
                expired++;
            } catch (StaleVersionException answeredMeanwhile) {
                // a person answered it first
            }
        }
        return expired;
    }

    private Decision answer(DecisionId id, boolean approve, String by, String why) {
        for (int attempt = 0; ; attempt++) {
            Decision current = get(id);
            Instant now = clock.instant();
            try {
                Decision answered = settle(current.answer(approve, by, why, now), now);
                if (approve && answered.kind() == DecisionKind.CONFLICT) askToResolve(answered);
                return answered;
            } catch (StaleVersionException e) {
                if (attempt >= MAX_CONFLICT_RETRIES) throw e;
            }
        }
    }

    /** Stores the answer together with what it means for the task. */
    private Decision settle(Decision answered, Instant now) {
        for (int attempt = 0; ; attempt++) {
            Task task =
                    store().findTask(answered.taskId()).orElseThrow(() -> NotFoundException.task(answered.taskId()));
            Changes.Builder changes = Changes.builder().update(answered);
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("decision", answered.id().value());
            data.put("kind", answered.kind().wireName());
            data.put("status", answered.status().wireName());
            data.put("by", answered.answeredBy());
            if (answered.reason() != null) data.put("why", answered.reason());
            changes.event(Event.of(now, task.id(), answered.runId(), EventTypes.DECISION_ANSWERED, data));
            if (answered.kind().gatesStart() && task.status() == TaskStatus.WAITING_APPROVAL) {
                moveTask(changes, task, answered, now);
            }
            try {
                return recorder.apply(changes.build()).decision(answered.id());
            } catch (StaleVersionException e) {
                // The task changed meanwhile (not the decision: that would not succeed on retry).
                if (store().findDecision(answered.id())
                                .map(d -> d.version() != answered.version())
                                .orElse(true)
                        || attempt >= MAX_CONFLICT_RETRIES) {
                    throw e;
                }
            }
        }
    }

    private static void moveTask(Changes.Builder changes, Task task, Decision answered, Instant now) {
        if (answered.status() == DecisionStatus.APPROVED) {
            changes.update(task.moveTo(TaskStatus.QUEUED, now));
            changes.event(Event.of(
                    now,
                    task.id(),
                    null,
                    EventTypes.TASK_STATUS,
                    Map.of("status", "queued", "why", "approved by " + answered.answeredBy())));
            return;
        }
        String detail = (answered.status() == DecisionStatus.EXPIRED
                        ? "the approval expired unanswered"
                        : "rejected by " + answered.answeredBy())
                + (answered.reason() == null || answered.status() == DecisionStatus.EXPIRED
                        ? ""
                        : ": " + answered.reason());
        changes.update(task.fail(TaskStatus.CANCELLED, FailureReason.REJECTED, detail, now));
        changes.event(Event.of(
                now, task.id(), null, EventTypes.TASK_CANCELLED, Map.of("reason", "rejected", "detail", detail)));
    }

    private void askToResolve(Decision conflict) {
        Task task = tasks.get(conflict.taskId());
        if (!task.status().isTerminal()) return;
        String base = task.spec().baseBranch() == null
                ? "the base branch"
                : "'" + task.spec().baseBranch() + "'";
        Object output = conflict.details().get("output");
        tasks.followUp(
                task.id(),
                "Merging this branch into " + base + " failed: " + conflict.question() + "\n\nMerge " + base
                        + " into this branch, resolve the conflicts, and make sure the verify commands pass."
                        + (output == null ? "" : "\n\nWhat failed:\n" + output)
                        + (conflict.reason() == null ? "" : "\n\nNote from the reviewer: " + conflict.reason()));
    }
}
