package dev.baton.engine;

import dev.baton.core.Event;
import dev.baton.core.Task;
import dev.baton.core.TaskId;
import dev.baton.gate.Gatekeeper;
import dev.baton.gate.UnstartedFailure;
import dev.baton.route.RoutingEvents;
import dev.baton.route.RoutingSnapshot;
import dev.baton.route.TaskRouter;
import dev.baton.store.Changes;
import dev.baton.store.Recorder;
import dev.baton.store.Store;
import dev.baton.store.UsageLedger;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Moves work forward, one pass per {@link #tick()}: ready tasks (priority first, dependencies met)
 * routed to an agent with a free slot, past the gate, and claimed; then the {@link Housekeeping}
 * when it is due. Called from one thread.
 */
final class Dispatcher {
    private final Recorder recorder;
    private final RunSupervisor supervisor;
    private final TaskRouter router;
    private final Gatekeeper gatekeeper;
    private final Claims claims;
    private final Housekeeping housekeeping;
    private final EngineConfig config;
    private final Clock clock;
    private final Map<TaskId, String> heldFor = new ConcurrentHashMap<>();
    private final Set<String> warnedToday = new HashSet<>();
    private String warnedDay = "";

    Dispatcher(
            Recorder recorder,
            RunSupervisor supervisor,
            TaskRouter router,
            Gatekeeper gatekeeper,
            Claims claims,
            Housekeeping housekeeping,
            EngineConfig config,
            Clock clock) {
        this.recorder = recorder;
        this.supervisor = supervisor;
        this.router = router;
        this.gatekeeper = gatekeeper;
        this.claims = claims;
        this.housekeeping = housekeeping;
        this.config = config;
        this.clock = clock;
    }

    /**
     * One pass: the queue first, so that a task added to an idle engine starts without waiting for
     * the housekeeping that follows. Returns true when the housekeeping queued retries again: another
     * pass should follow at once.
     */
    boolean tick() {
        Store store = recorder.store();
        Instant now = clock.instant();
        int free = config.maxConcurrentRuns() - supervisor.activeCount();
        int started = 0;
        if (free > 0) {
            List<Task> queued = store.dispatchable(now, free * 2 + 8);
            claims.prepare(queued.subList(0, Math.min(free, queued.size()))); // made while the pass goes on
            started = dispatch(queued, free, now);
        }
        Housekeeping.Result kept = housekeeping.runIfDue(now);
        if (free - started > 0 && !kept.released().isEmpty()) dispatch(kept.released(), free - started, now);
        return kept.requeued();
    }

    /** Routes and claims tasks in the given order, at most {@code free}; returns how many started. */
    private int dispatch(List<Task> ready, int free, Instant now) {
        if (ready.isEmpty()) return 0;
        Map<String, Integer> busy = new HashMap<>(recorder.store().activeRunsByAgent());
        RoutingSnapshot snapshot = router.snapshot(now);
        int started = 0;
        for (Task task : ready) {
            if (started >= free) break;
            TaskRouter.Choice choice = router.choose(task, busy, snapshot);
            if (choice.agent() == null) {
                if (choice.permanentlyImpossible()) {
                    UnstartedFailure.fail(recorder, task, choice.failure(), choice.why(), now);
                } else {
                    hold(task, choice.why(), now);
                }
                continue;
            }
            heldFor.remove(task.id());
            if (choice.warning() != null) warn(choice.agent().name(), choice.warning(), now);
            if (!gatekeeper.mayStart(task, choice.agent(), now)) {
                continue;
            }
            if (claims.claim(task, choice, now)) {
                busy.merge(choice.agent().name(), 1, Integer::sum);
                started++;
            }
        }
        return started;
    }

    /** Queued tasks no agent could take at the last pass, with the reason; safe from any thread. */
    Map<TaskId, String> held() {
        return Map.copyOf(heldFor);
    }

    /** Tells, once per reason, why a queued task is waiting. */
    private void hold(Task task, String why, Instant now) {
        if (why.equals(heldFor.get(task.id()))) return;
        if (heldFor.size() > 10_000) heldFor.clear(); // tasks cancelled while held
        heldFor.put(task.id(), why);
        recorder.apply(Changes.builder()
                .event(Event.of(now, task.id(), null, RoutingEvents.TASK_HELD, Map.of("why", why)))
                .build());
    }

    /** Tells, once per agent and UTC day, that an agent passed the warn threshold of its plan. */
    private void warn(String agent, String warning, Instant now) {
        String day = UsageLedger.day(now);
        if (!day.equals(warnedDay)) {
            warnedDay = day;
            warnedToday.clear();
        }
        if (!warnedToday.add(agent)) return;
        recorder.apply(Changes.builder()
                .event(Event.of(
                        now,
                        null,
                        null,
                        RoutingEvents.AGENT_CAPACITY_WARNING,
                        Map.of("agent", agent, "warning", warning)))
                .build());
    }
}
