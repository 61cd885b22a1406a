package dev.baton.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.core.NotFoundException;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** What every {@link ScheduleStore} adapter must do. */
public abstract class ScheduleStoreContract extends DatabaseContract {
    private static final Instant T0 = Instant.parse("2025-03-01T10:00:00Z");

    private ScheduleStore schedules() {
        return database.schedules();
    }

    @Test
    void keepsEveryFieldOfASchedule() {
        Schedule full = new Schedule(
                "s-1",
                "0 9 * * 1-5",
                "Update the deps",
                "claude",
                "/repo",
                "22:00-06:00",
                T0,
                T0.plusSeconds(5),
                "t-9");
        Schedule bare = new Schedule("s-2", "*/5 * * * *", "Tidy", null, null, null, T0, null, null);
        schedules().insert(full);
        schedules().insert(bare);

        assertThat(schedules().find("s-1")).contains(full);
        assertThat(schedules().find("s-2")).contains(bare);
        assertThat(schedules().find("s-3")).isEmpty();
    }

    @Test
    void listsSchedulesOldestFirstThenById() {
        schedules().insert(schedule("s-b", T0.plusSeconds(1)));
        schedules().insert(schedule("s-c", T0));
        schedules().insert(schedule("s-a", T0.plusSeconds(1)));

        assertThat(schedules().list()).extracting(Schedule::id).containsExactly("s-c", "s-a", "s-b");
    }

    @Test
    void removesASchedule() {
        schedules().insert(schedule("s-1", T0));
        schedules().insert(schedule("s-2", T0));

        schedules().remove("s-1");

        assertThat(schedules().list()).extracting(Schedule::id).containsExactly("s-2");
    }

    @Test
    void removingAMissingScheduleSaysHowToListThem() {
        assertThatThrownBy(() -> schedules().remove("s-404"))
                .isInstanceOf(NotFoundException.class)
                .hasMessageContaining("s-404")
                .hasMessageContaining("baton schedule ls");
    }

    @Test
    void aFiringIsRecordedOnceWhenTwoInstancesSeeTheSameLastFiring() {
        schedules().insert(schedule("s-1", T0));
        ScheduleStore elsewhere = openAnother().schedules();
        Instant first = T0.plusSeconds(60);

        assertThat(schedules().markFired("s-1", null, first, null)).isTrue();
        assertThat(elsewhere.markFired("s-1", null, first, null))
                .as("fired already")
                .isFalse();

        Instant second = T0.plusSeconds(120);
        assertThat(elsewhere.markFired("s-1", first, second, "t-2")).isTrue();
        assertThat(schedules().markFired("s-1", first, second, "t-2")).isFalse();
        Schedule after = schedules().find("s-1").orElseThrow();
        assertThat(after.lastFiredAt()).isEqualTo(second);
        assertThat(after.lastTaskId()).isEqualTo("t-2");
    }

    @Test
    void remembersTheTaskAFiringAdded() {
        schedules().insert(schedule("s-1", T0));
        schedules().markFired("s-1", null, T0.plusSeconds(60), null);

        schedules().setLastTask("s-1", "t-7");

        Schedule after = schedules().find("s-1").orElseThrow();
        assertThat(after.lastTaskId()).isEqualTo("t-7");
        assertThat(after.lastFiredAt()).isEqualTo(T0.plusSeconds(60));
    }

    private static Schedule schedule(String id, Instant createdAt) {
        return new Schedule(id, "0 * * * *", "Do " + id, null, null, null, createdAt, null, null);
    }
}
