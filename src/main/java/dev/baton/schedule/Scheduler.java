package dev.baton.schedule;

import dev.baton.core.Event;
import dev.baton.core.Task;
import dev.baton.core.TaskId;
import dev.baton.route.AgentPlan;
import dev.baton.route.RoutingConfig;
import dev.baton.route.RoutingEvents;
import dev.baton.route.RoutingSnapshot;
import dev.baton.route.RoutingTables;
import dev.baton.store.Changes;
import dev.baton.store.Recorder;
import dev.baton.store.Schedule;
import dev.baton.tasks.Source;
import dev.baton.tasks.TaskIntake;
import dev.baton.tasks.TaskRequest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fires due schedules: adds each one's task when its cron time has come, it is inside its start
 * window, the task it added last is finished, and its agent has capacity (not rate-limited, not past
 * its daily stop threshold). A schedule that missed several times while Baton was down fires once,
 * not once per missed time: a firing counts from now. Cron times are read in the given zone.
 * Called from the dispatcher's thread.
 */
public final class Scheduler {
    private static final Logger log = LoggerFactory.getLogger(Scheduler.class);

    private final RoutingTables tables;
    private final RoutingConfig routing;
    private final TaskIntake intake;
    private final Recorder recorder;
    private final Clock clock;
    private final ZoneId zone;

    /** @param zone the time zone cron times and windows are read in (the machine's, for people) */
    public Scheduler(
            RoutingTables tables,
            RoutingConfig routing,
            TaskIntake intake,
            Recorder recorder,
            Clock clock,
            ZoneId zone) {
        this.tables = tables;
        this.routing = routing;
        this.intake = intake;
        this.recorder = recorder;
        this.clock = clock;
        this.zone = zone;
    }

    /** One pass; returns the tasks it added. */
    public int tick() {
        Instant now = clock.instant();
        int fired = 0;
        for (Schedule s : tables.schedules().list()) {
            try {
                if (fire(s, now, zone)) fired++;
            } catch (RuntimeException e) {
                log.warn("schedule {} could not fire: {}", s.id(), e.getMessage());
            }
        }
        return fired;
    }

    /** Why a schedule is due but waits, or empty when it may fire now. */
    Optional<String> waitReason(Schedule s, Instant now, ZoneId zone) {
        if (s.window() != null
                && !StartWindow.parse(s.window()).contains(now.atZone(zone).toLocalTime())) {
            return Optional.of("outside its window " + s.window());
        }
        if (s.lastTaskId() != null) {
            Optional<Task> last = recorder.store().findTask(TaskId.of(s.lastTaskId()));
            if (last.isPresent() && !last.get().status().isTerminal()) {
                return Optional.of("its last task " + s.lastTaskId() + " is still "
                        + last.get().status().wireName());
            }
        }
        if (s.agent() != null) {
            RoutingSnapshot snapshot = RoutingSnapshot.read(tables.ledger(), tables.rateLimits(), now);
            if (snapshot.rateLimits().containsKey(s.agent())) {
                return Optional.of(s.agent() + " is rate-limited until "
                        + snapshot.rateLimits().get(s.agent()).until());
            }
            AgentPlan plan = routing.plans().getOrDefault(s.agent(), AgentPlan.unlimited(s.agent(), null));
            var check = routing.capacity()
                    .check(
                            plan,
                            snapshot.used(
                                    s.agent(),
                                    recorder.store().activeRunsByAgent().getOrDefault(s.agent(), 0)));
            if (check.stopped()) return Optional.of(s.agent() + " is out of capacity today: " + check.warning());
        }
        return Optional.empty();
    }

    private boolean fire(Schedule s, Instant now, ZoneId zone) {
        Instant since = s.lastFiredAt() != null ? s.lastFiredAt() : s.createdAt();
        Instant due = CronExpression.parse(s.cron()).next(since.atZone(zone)).toInstant();
        if (due.isAfter(now) || waitReason(s, now, zone).isPresent()) return false;
        if (!tables.schedules().markFired(s.id(), s.lastFiredAt(), now, null)) return false; // another engine
        TaskRequest request =
                TaskRequest.text(s.prompt()).repo(s.repo()).agent(s.agent()).build();
        Task task = intake.submit(request, Source.schedule(s.id())).task();
        tables.schedules().setLastTask(s.id(), task.id().value());
        recorder.apply(Changes.builder()
                .event(Event.of(
                        now,
                        task.id(),
                        null,
                        RoutingEvents.SCHEDULE_FIRED,
                        Map.of("schedule", s.id(), "cron", s.cron(), "due", due.toString())))
                .build());
        return true;
    }
}
