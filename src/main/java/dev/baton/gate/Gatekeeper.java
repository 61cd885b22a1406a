package dev.baton.gate;

import dev.baton.core.AgentProfile;
import dev.baton.core.Decision;
import dev.baton.core.DecisionStatus;
import dev.baton.core.Event;
import dev.baton.core.EventTypes;
import dev.baton.core.FailureReason;
import dev.baton.core.InvalidInputException;
import dev.baton.core.StaleVersionException;
import dev.baton.core.Task;
import dev.baton.core.TaskStatus;
import dev.baton.store.Changes;
import dev.baton.store.Recorder;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Stands between the dispatcher and a start: asks the {@link StartGate} about the task on its chosen
 * agent, with the project's autonomy level, and when a person must decide, parks the task in
 * waiting-approval with a pending decision (one transaction). A task whose start was approved once
 * is not asked again on retries. Thread-safe.
 */
public final class Gatekeeper {
    private final Recorder recorder;
    private final DecisionService decisions;

    public Gatekeeper(Recorder recorder, DecisionService decisions) {
        this.recorder = recorder;
        this.decisions = decisions;
    }

    /** True when the task may be claimed now; otherwise it was parked or refused. */
    public boolean mayStart(Task task, AgentProfile agent, Instant now) {
        ProjectConfig project;
        try {
            project = projectOf(task);
        } catch (InvalidInputException e) {
            fail(task, FailureReason.WORKSPACE_ERROR, e.getMessage(), now);
            return false;
        }
        StartGate.Verdict verdict = StartGate.judge(task.spec(), agent, project.autonomy());
        switch (verdict.outcome()) {
            case GO -> {
                return true;
            }
            case REFUSE -> {
                fail(task, FailureReason.POLICY_REFUSED, verdict.question(), now);
                return false;
            }
            default -> {
                if (wasApproved(task)) return true;
                park(task, verdict, project, now);
                return false;
            }
        }
    }

    public static ProjectConfig projectOf(Task task) {
        return task.spec().repo() == null
                ? ProjectConfig.DEFAULTS
                : ProjectConfigReader.read(Path.of(task.spec().repo()));
    }

    private boolean wasApproved(Task task) {
        return recorder.store().decisionsOf(task.id()).stream()
                .anyMatch(d -> d.kind().gatesStart() && d.status() == DecisionStatus.APPROVED);
    }

    private void park(Task task, StartGate.Verdict verdict, ProjectConfig project, Instant now) {
        Changes.Builder changes = Changes.builder().update(task.moveTo(TaskStatus.WAITING_APPROVAL, now));
        Decision decision = decisions.ask(
                changes, task, null, verdict.kind(), verdict.question(), verdict.details(), project.decisionTimeout());
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("status", TaskStatus.WAITING_APPROVAL.wireName());
        data.put("decision", decision.id().value());
        changes.event(Event.of(now, task.id(), null, EventTypes.TASK_STATUS, data));
        try {
            recorder.apply(changes.build());
        } catch (StaleVersionException ignored) {
            // changed meanwhile (cancelled, or another engine parked it)
        }
    }

    private void fail(Task task, FailureReason reason, String detail, Instant now) {
        UnstartedFailure.fail(recorder, task, reason, detail, now);
    }
}
