package dev.baton.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.core.Event;
import dev.baton.core.InvalidInputException;
import dev.baton.core.Task;
import dev.baton.core.TaskStatus;
import dev.baton.route.RoutingConfig;
import dev.baton.route.RoutingEvents;
import dev.baton.store.Schedule;
import dev.baton.testing.TestBaton;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Schedules fired against a clock the test moves: due times, missed runs, windows, capacity. */
class SchedulerTest {
    @TempDir
    Path dir;

    private final SettableClock clock = new SettableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private TestBaton f;
    private Schedules schedules;
    private Scheduler scheduler;

    @BeforeEach
    void setUp() {
        f = new TestBaton(dir.resolve("home"), 2, 2);
        schedules = new Schedules(f.baton.tables().schedules(), f.baton.agents(), clock, ZoneOffset.UTC);
        scheduler = new Scheduler(
                f.baton.tables(),
                RoutingConfig.defaults(),
                f.baton.intake(),
                f.baton.recorder(),
                clock,
                ZoneOffset.UTC);
    }

    @org.junit.jupiter.api.AfterEach
    void tearDown() {
        f.close();
    }

    private List<Task> tasks() {
        return f.baton.tasks().list(new dev.baton.store.TaskQuery(EnumSet.allOf(TaskStatus.class), 100));
    }

    private void at(String instant) {
        clock.set(Instant.parse(instant));
    }

    @Test
    void aDueScheduleFiresOnceAndAgainOnlyAtItsNextTimeAfterItsTaskFinished() {
        Schedule s = schedules.add("0 2 * * *", "echo nightly", null, null, null);
        assertThat(schedules.description(s)).isEqualTo("at 02:00");
        at("2026-01-01T01:59:00Z");
        assertThat(scheduler.tick()).isZero();
        at("2026-01-01T02:00:00Z");
        assertThat(scheduler.tick()).isEqualTo(1);
        at("2026-01-01T02:30:00Z");
        assertThat(scheduler.tick()).isZero();

        List<Task> added = tasks();
        assertThat(added).singleElement().satisfies(t -> {
            assertThat(t.spec().prompt()).isEqualTo("echo nightly");
            assertThat(t.spec().source()).isEqualTo("schedule " + s.id());
        });
        List<Event> fired = f.baton.tasks().events(added.getFirst().id(), 0, 100).stream()
                .filter(e -> e.type().equals(RoutingEvents.SCHEDULE_FIRED))
                .toList();
        assertThat(fired).singleElement().satisfies(e -> assertThat(e.data()).containsEntry("schedule", s.id()));

        // The next night: its last task is still queued (no engine runs here), so it waits.
        at("2026-01-02T02:00:00Z");
        assertThat(scheduler.tick()).isZero();
        assertThat(scheduler.waitReason(
                        f.baton.tables().schedules().find(s.id()).orElseThrow(), clock.instant(), ZoneOffset.UTC))
                .hasValueSatisfying(why -> assertThat(why).contains("is still queued"));
        f.baton.tasks().cancel(added.getFirst().id());
        assertThat(scheduler.tick()).isEqualTo(1);
        assertThat(tasks()).hasSize(2);
    }

    @Test
    void aScheduleMissedWhileBatonWasDownRunsOnceOnStartNotOncePerMissedTime() {
        Schedule s = schedules.add("*/10 * * * *", "echo often", null, null, null);
        at("2026-01-03T05:07:00Z"); // hundreds of ten-minute marks later
        assertThat(scheduler.tick()).isEqualTo(1);
        assertThat(scheduler.tick()).isZero();
        assertThat(tasks()).hasSize(1);
        Schedule after = f.baton.tables().schedules().find(s.id()).orElseThrow();
        assertThat(after.lastFiredAt()).isEqualTo(Instant.parse("2026-01-03T05:07:00Z"));
        assertThat(schedules.nextTime(after).toInstant()).isEqualTo(Instant.parse("2026-01-03T05:10:00Z"));
    }

    @Test
    void cronTimesAreReadInTheSchedulesZone() {
        ZoneId paris = ZoneId.of("Europe/Paris");
        Schedules local = new Schedules(f.baton.tables().schedules(), f.baton.agents(), clock, paris);
        Scheduler inParis = new Scheduler(
                f.baton.tables(), RoutingConfig.defaults(), f.baton.intake(), f.baton.recorder(), clock, paris);
        Schedule s = local.add("@daily", "echo at midnight in Paris", null, null, null);
        assertThat(local.description(s)).isEqualTo("at 00:00");
        assertThat(local.nextTime(s).toInstant()).isEqualTo(Instant.parse("2026-01-01T23:00:00Z"));
        at("2026-01-01T22:59:00Z");
        assertThat(inParis.tick()).isZero();
        at("2026-01-01T23:00:00Z");
        assertThat(inParis.tick()).isEqualTo(1);
    }

    @Test
    void aScheduleThatCanNeverFireIsRefusedAndNotKept() {
        assertThatThrownBy(() -> schedules.add("0 0 31 feb *", "echo never", null, null, null))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("cron expression '0 0 31 feb *' never matches a date");
        assertThatThrownBy(() -> schedules.add("0 24 * * *", "echo never", null, null, null))
                .hasMessageStartingWith("cron hour field '24': Value 24 not in range [0, 23]");
        assertThat(schedules.list()).isEmpty();
    }

    @Test
    void outsideItsWindowADueScheduleWaitsAndStartsOnceWhenTheWindowOpens() {
        schedules.add("0 12 * * *", "echo unattended", null, null, "22:00-06:00");
        at("2026-01-01T12:00:00Z");
        assertThat(scheduler.tick()).isZero();
        at("2026-01-01T21:59:00Z");
        assertThat(scheduler.tick()).isZero();
        at("2026-01-01T22:00:00Z");
        assertThat(scheduler.tick()).isEqualTo(1);
        at("2026-01-01T23:00:00Z");
        assertThat(scheduler.tick()).isZero();
        assertThat(tasks()).hasSize(1);
    }

    @Test
    void aScheduleForARateLimitedAgentWaitsUntilTheLimitLifts() {
        schedules.add("0 * * * *", "echo hourly", "command", null, null);
        f.baton.tables().rateLimits().limit("command", Instant.parse("2026-01-01T01:30:00Z"), "429", clock.instant());
        at("2026-01-01T01:00:00Z");
        assertThat(scheduler.tick()).isZero();
        at("2026-01-01T01:31:00Z");
        assertThat(scheduler.tick()).isEqualTo(1);
    }

    /** A clock the test sets. */
    static final class SettableClock extends Clock {
        private volatile Instant now;

        SettableClock(Instant start) {
            this.now = start;
        }

        void set(Instant value) {
            now = value;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
