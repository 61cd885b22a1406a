package dev.baton.engine;

import dev.baton.agent.AgentEnvironment;
import dev.baton.agent.AgentRegistry;
import dev.baton.agent.StreamParser;
import dev.baton.core.Decision;
import dev.baton.core.Event;
import dev.baton.core.EventTypes;
import dev.baton.core.TaskStatus;
import dev.baton.gate.Gatekeeper;
import dev.baton.integrate.AutoMerge;
import dev.baton.integrate.RunVerifier;
import dev.baton.route.Failover;
import dev.baton.route.RunAccounting;
import dev.baton.route.TaskRouter;
import dev.baton.schedule.Scheduler;
import dev.baton.store.Recorder;
import dev.baton.store.TaskQuery;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One node's engine: reconciles orphaned runs on start, then dispatches work and renews its leases
 * until stopped. Stopping leaves agent processes running; the next start picks them up again.
 * Thread-safe.
 */
public final class Engine implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Engine.class);
    private static final Set<TaskStatus> UNFINISHED = EnumSet.of(
            TaskStatus.QUEUED, TaskStatus.ROUTED, TaskStatus.RUNNING, TaskStatus.VERIFYING, TaskStatus.RETRYING);
    private static final Duration RECONCILE_INTERVAL = Duration.ofSeconds(10);
    private static final Duration SCHEDULE_INTERVAL = Duration.ofSeconds(15);

    private final Recorder recorder;
    private final NodeId node;
    private final EngineConfig config;
    private final Clock clock;
    private final EngineThreads threads;
    private final RunSupervisor supervisor;
    private final Housekeeping housekeeping;
    private final Dispatcher dispatcher;
    private final Reconciler reconciler;
    private final Scheduler scheduler;
    private final Semaphore wakeups = new Semaphore(0);
    private volatile boolean running;
    private Thread loop;

    /** Parts to build an engine from; see {@link EngineBuilder}. */
    public static EngineBuilder builder() {
        return new EngineBuilder();
    }

    Engine(EngineBuilder parts) {
        this.recorder = parts.recorder;
        this.node = NodeId.current();
        this.config = parts.config;
        this.clock = parts.clock;
        this.threads = new EngineThreads();
        Workdirs workdirs = new Workdirs(parts.workspaces, parts.home, recorder.store());
        TaskRouter router = new TaskRouter(parts.agents, parts.health, parts.routing, recorder.store(), parts.tables);
        this.supervisor = new RunSupervisor(
                new RunStarter(
                        recorder,
                        parts.agents,
                        new AgentEnvironment(parts.environment),
                        workdirs,
                        parts.launcher,
                        parts.home,
                        clock),
                new RunWatcher(
                        parts.launcher,
                        clock,
                        config,
                        task -> recorder.store().decisionsOf(task).stream().anyMatch(Decision::isPending),
                        threads.ticker()),
                new RunFinisher(
                        recorder,
                        parts.agents,
                        workdirs,
                        RetryPolicy.from(config),
                        new Failover(router, parts.routing),
                        new RunAccounting(recorder, parts.tables),
                        clock,
                        new RunVerifier(recorder, parts.launcher, clock)),
                run -> new RunStream(recorder, clock, parserFor(parts.agents, run.agent()), run),
                this::runEnded,
                threads.starts());
        this.housekeeping = new Housekeeping(recorder, parts.decisions, config.pollInterval());
        RunFolders folders = new RunFolders(parts.launcher, workdirs, parts.home, threads.starts());
        this.dispatcher = new Dispatcher(
                recorder,
                supervisor,
                router,
                new Gatekeeper(recorder, parts.decisions),
                new Claims(recorder, supervisor, folders, parts.home, node, config),
                housekeeping,
                config,
                clock);
        recorder.subscribe(new AutoMerge(recorder, parts.merges));
        recorder.subscribe(this::react);
        this.scheduler =
                new Scheduler(parts.tables, parts.routing, parts.intake, recorder, clock, ZoneId.systemDefault());
        this.reconciler = new Reconciler(recorder, supervisor, parts.launcher, node, config, clock);
    }

    /**
     * Events stored in this process that concern the engine: a cancel (from the CLI in-process, REST
     * or the dashboard) stops the task's runs here at once; an answer lets an approved task start
     * without waiting for a poll. A cancel stored by another process is seen when its run's process
     * ends.
     */
    private void react(Event event) {
        switch (event.type()) {
            case EventTypes.TASK_CANCELLED -> {
                if (event.taskId() != null) supervisor.cancel(event.taskId());
            }
            case EventTypes.DECISION_ANSWERED -> wake();
            default -> {}
        }
    }

    private static StreamParser parserFor(AgentRegistry agents, String agent) {
        return agents.find(agent).map(p -> agents.adapterFor(p).parser()).orElse(StreamParser.NONE);
    }

    public NodeId node() {
        return node;
    }

    /** Reconciles, then runs the dispatch loop on a thread of its own. */
    public synchronized void start() {
        if (running) return;
        running = true;
        int taken = reconciler.reconcile();
        if (taken > 0) log.info("reconciled {} run(s) left by a previous engine", taken);
        loop = Thread.ofPlatform().name("baton-dispatcher").daemon(true).start(this::loop);
    }

    /** Asks the dispatcher to look for work now (a task was added, a run ended). */
    public void wake() {
        if (wakeups.availablePermits() == 0) wakeups.release();
    }

    private void runEnded() {
        housekeeping.soon();
        wake();
    }

    public int activeRuns() {
        return supervisor.activeCount();
    }

    /** True when nothing is queued, retrying or running, here or on another node. */
    public boolean isIdle() {
        return supervisor.activeCount() == 0
                && recorder.store().listTasks(new TaskQuery(UNFINISHED, 1)).isEmpty();
    }

    /**
     * Queued tasks held back because no agent can take them now (busy, rate-limited, out of today's
     * plan), with the reason, as of the dispatcher's last pass.
     */
    public Map<dev.baton.core.TaskId, String> held() {
        return dispatcher.held();
    }

    /**
     * True when nothing runs and every unfinished task is held back, or waits on one that is: only an
     * agent's limit lifting (or a new day, or a coding agent set up) moves work on, so a caller
     * waiting for idleness can stop.
     */
    public boolean onlyHeldWorkLeft() {
        if (supervisor.activeCount() > 0) return false;
        Map<dev.baton.core.TaskId, String> held = dispatcher.held();
        if (held.isEmpty()) return false;
        return HeldWork.onlyHeldLeft(recorder.store().listTasks(new TaskQuery(UNFINISHED, 10_000)), held);
    }

    /** Blocks until {@link #isIdle()} or the timeout; returns whether it became idle. */
    public boolean awaitIdle(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (isIdle()) return true;
            Thread.sleep(50);
        }
        return isIdle();
    }

    private void loop() {
        long nextLeaseRenewal = 0;
        long nextReconcile = System.nanoTime() + RECONCILE_INTERVAL.toNanos();
        long nextSchedules = 0; // at once on start: a schedule missed while Baton was down fires now
        while (running) {
            try {
                long now = System.nanoTime();
                if (now >= nextSchedules) {
                    scheduler.tick();
                    nextSchedules = now + SCHEDULE_INTERVAL.toNanos();
                }
                boolean again = dispatcher.tick();
                now = System.nanoTime();
                if (now >= nextLeaseRenewal) {
                    recorder.store()
                            .renewLeases(node.toString(), clock.instant().plus(config.leaseDuration()));
                    nextLeaseRenewal = now + config.leaseDuration().toNanos() / 3;
                }
                if (now >= nextReconcile) {
                    reconciler.reconcile();
                    nextReconcile = now + RECONCILE_INTERVAL.toNanos();
                }
                if (again) continue; // retries were queued again: dispatch them now
                if (wakeups.tryAcquire(config.pollInterval().toMillis(), TimeUnit.MILLISECONDS)) {
                    wakeups.drainPermits();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                log.error("dispatcher pass failed; trying again", e);
                sleepQuietly(config.pollInterval());
            }
        }
    }

    private static void sleepQuietly(Duration d) {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops dispatching and stops watching runs; agent processes keep running for the next start. */
    @Override
    public synchronized void close() {
        if (!running) {
            threads.close();
            return;
        }
        running = false;
        wake();
        supervisor.detachAll();
        if (loop != null) {
            try {
                loop.join(Duration.ofSeconds(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        threads.close();
    }
}
