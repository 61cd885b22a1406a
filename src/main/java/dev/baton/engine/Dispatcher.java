package dev.baton.engine;

import dev.baton.core.BatonHome;
import dev.baton.core.Event;
import dev.baton.core.EventTypes;
import dev.baton.core.FailureReason;
import dev.baton.core.Run;
import dev.baton.core.StaleVersionException;
import dev.baton.core.Task;
import dev.baton.core.TaskStatus;
import dev.baton.gate.DecisionService;
import dev.baton.gate.Gatekeeper;
import dev.baton.gate.UnstartedFailure;
import dev.baton.route.RoutingEvents;
import dev.baton.route.RoutingSnapshot;
import dev.baton.route.RoutingTables;
import dev.baton.route.TaskRouter;
import dev.baton.store.Applied;
import dev.baton.store.Changes;
import dev.baton.store.Recorder;
import dev.baton.store.Store;
import dev.baton.tasks.FailedDependencies;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Moves work forward, one pass per {@link #tick()}: due retries back to the queue, tasks whose
 * dependencies failed to failed (unless those tolerate it, see {@link FailedDependencies}), expired
 * decisions settled, then ready tasks (priority first, dependencies met) claimed for an
 * agent with a free slot and handed to the supervisor. Claims are version-checked, so two engines on
 * one database never start the same task twice. Called from one thread.
 */
final class Dispatcher {
    private final Recorder recorder;
    private final RunSupervisor supervisor;
    private final TaskRouter router;
    private final RoutingTables tables;
    private final RunFolders folders;
    private final Map<dev.baton.core.TaskId, String> heldFor = new java.util.concurrent.ConcurrentHashMap<>();
    private final java.util.Set<String> warnedToday = new java.util.HashSet<>();
    private String warnedDay = "";
    private Instant nextExpiryCheck = Instant.MIN;
    private volatile boolean housekeepingAsked = true;
    private long lastHousekeeping;
    private final BatonHome home;
    private final NodeId node;
    private final EngineConfig config;
    private final Clock clock;
    private final Gatekeeper gatekeeper;
    private final DecisionService decisions;

    Dispatcher(
            Recorder recorder,
            RunSupervisor supervisor,
            TaskRouter router,
            RoutingTables tables,
            RunFolders folders,
            BatonHome home,
            NodeId node,
            EngineConfig config,
            Clock clock,
            Gatekeeper gatekeeper,
            DecisionService decisions) {
        this.gatekeeper = gatekeeper;
        this.decisions = decisions;
        this.recorder = recorder;
        this.supervisor = supervisor;
        this.router = router;
        this.tables = tables;
        this.folders = folders;
        this.home = home;
        this.node = node;
        this.config = config;
        this.clock = clock;
    }

    /** Asks the next pass to do its housekeeping: a run ended, so retries or failed dependencies may follow. */
    void housekeepSoon() {
        housekeepingAsked = true;
    }

    /**
     * One pass: the queue first, so that a task added to an idle engine starts without waiting for
     * the housekeeping that follows (due retries back to the queue, tasks behind failed dependencies
     * failed or released, expired decisions settled). Housekeeping is done after a run has ended and
     * otherwise once per poll interval: a burst of new tasks does not repeat its queries on every
     * pass. Returns true when it queued retries again: another pass should follow at once.
     */
    boolean tick() {
        Store store = recorder.store();
        Instant now = clock.instant();
        int free = config.maxConcurrentRuns() - supervisor.activeCount();
        int started = 0;
        if (free > 0) {
            List<Task> queued = store.dispatchable(now, free * 2 + 8);
            folders.prepare(queued.subList(0, Math.min(free, queued.size()))); // made while the pass goes on
            started = dispatch(queued, free, now);
        }

        long nanos = System.nanoTime();
        if (!housekeepingAsked
                && nanos - lastHousekeeping < config.pollInterval().toNanos()) return false;
        housekeepingAsked = false;
        lastHousekeeping = nanos;
        boolean requeued = false;
        for (Task task : store.dueRetries(now)) requeued |= requeue(task, now);
        List<Task> released = new ArrayList<>();
        for (Task task : store.blockedByFailedDependencies()) {
            switch (FailedDependencies.judge(task, store, now)) {
                case FailedDependencies.Verdict.Fail failure ->
                    fail(task, FailureReason.DEPENDENCY_FAILED, failure.detail(), now);
                case FailedDependencies.Verdict.Ready r -> {
                    if (task.status() == TaskStatus.QUEUED) released.add(task); // a waiting one waits for its answer
                }
                case FailedDependencies.Verdict.Wait w -> {}
            }
        }
        if (!now.isBefore(nextExpiryCheck)) {
            // decisions wait minutes to hours: a look once a second, not a query on every pass
            decisions.expireDue(now);
            nextExpiryCheck = now.plusSeconds(1);
        }
        if (free - started > 0 && !released.isEmpty()) dispatch(released, free - started, now);
        return requeued;
    }

    /** Routes and claims tasks in the given order, at most {@code free}; returns how many started. */
    private int dispatch(List<Task> ready, int free, Instant now) {
        if (ready.isEmpty()) return 0;
        Store store = recorder.store();
        Map<String, Integer> busy = new HashMap<>(store.activeRunsByAgent());
        RoutingSnapshot snapshot = RoutingSnapshot.read(tables.ledger(), tables.rateLimits(), now);
        int started = 0;
        for (Task task : ready) {
            if (started >= free) break;
            TaskRouter.Choice choice = router.choose(task, busy, snapshot);
            if (choice.agent() == null) {
                if (choice.permanentlyImpossible()) {
                    fail(task, choice.failure(), choice.why(), now);
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
            if (claim(task, choice, now)) {
                busy.merge(choice.agent().name(), 1, Integer::sum);
                started++;
            }
        }
        return started;
    }

    /** Queued tasks no agent could take at the last pass, with the reason; safe from any thread. */
    Map<dev.baton.core.TaskId, String> held() {
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
        String day = dev.baton.store.UsageLedger.day(now);
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

    private boolean claim(Task task, TaskRouter.Choice choice, Instant now) {
        int attempt = task.attempts() + 1;
        Task routed = task.moveTo(TaskStatus.ROUTED, now)
                .withAgent(choice.agent().name())
                .withAttempts(attempt);
        Run run = Run.start(
                task.id(),
                attempt,
                choice.agent().name(),
                node.toString(),
                1,
                home.runDir(dev.baton.core.RunId.of(task.id(), attempt)).toString(),
                now,
                now.plus(config.leaseDuration()));
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("agent", choice.agent().name());
        data.put("why", choice.why());
        data.put("attempt", attempt);
        // Begun before the commit: the start follows once the claim has committed and the folders are made.
        RunSupervisor.Claim claim = supervisor.begin(run, folders.take(task, run.id()));
        boolean claimed = false;
        try {
            Applied applied = recorder.apply(Changes.builder()
                    .update(routed)
                    .insert(run)
                    .event(Event.of(now, task.id(), run.id(), EventTypes.TASK_ROUTED, data))
                    .build());
            claim.claimed(applied.task(task.id()), applied.run(run.id()));
            claimed = true;
            return true;
        } catch (StaleVersionException | dev.baton.core.InvalidInputException lostRace) {
            return false; // another engine claimed it first, or it was cancelled
        } finally {
            if (!claimed) claim.lost();
        }
    }

    /** Puts a retry whose backoff has passed back in the queue; false if it changed meanwhile. */
    private boolean requeue(Task task, Instant now) {
        try {
            recorder.apply(Changes.builder()
                    .update(task.moveTo(TaskStatus.QUEUED, now).withNotBefore(null))
                    .event(Event.of(
                            now, task.id(), null, EventTypes.TASK_STATUS, Map.of("status", "queued", "why", "retry")))
                    .build());
            return true;
        } catch (StaleVersionException ignored) {
            return false; // changed meanwhile (cancelled, or another engine requeued it)
        }
    }

    private void fail(Task task, FailureReason reason, String detail, Instant now) {
        UnstartedFailure.fail(recorder, task, reason, detail, now);
    }
}
