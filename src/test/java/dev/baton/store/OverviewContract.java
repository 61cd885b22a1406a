package dev.baton.store;

import static dev.baton.store.StoreFixtures.T0;
import static dev.baton.store.StoreFixtures.event;
import static dev.baton.store.StoreFixtures.id;
import static dev.baton.store.StoreFixtures.insert;
import static dev.baton.store.StoreFixtures.move;
import static dev.baton.store.StoreFixtures.task;
import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.core.Run;
import dev.baton.core.RunId;
import dev.baton.core.TaskStatus;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What every {@link Overview} adapter must do, over what the {@link Store} of its database wrote. */
public abstract class OverviewContract extends DatabaseContract {

    private Overview overview() {
        return database.overview();
    }

    @Test
    void theLatestEventIdIsZeroUntilThereIsAnEventThenTheNewest() {
        assertThat(overview().latestEventId()).isZero();

        Applied applied = database.store()
                .apply(Changes.builder()
                        .event(event(null, "a", Map.of()))
                        .event(event(null, "b", Map.of()))
                        .build());

        assertThat(overview().latestEventId()).isEqualTo(applied.eventIds().getLast());
    }

    @Test
    void countsTasksInEveryStatus() {
        assertThat(overview().taskCounts())
                .hasSize(TaskStatus.values().length)
                .allSatisfy((status, count) -> assertThat(count).isZero());
        insert(database.store(), task("t-1"));
        insert(database.store(), task("t-2"));
        move(database.store(), insert(database.store(), task("t-3")), TaskStatus.CANCELLED);

        Map<TaskStatus, Long> counts = overview().taskCounts();

        assertThat(counts).hasSize(TaskStatus.values().length);
        assertThat(counts.get(TaskStatus.QUEUED)).isEqualTo(2);
        assertThat(counts.get(TaskStatus.CANCELLED)).isEqualTo(1);
        assertThat(counts.get(TaskStatus.RUNNING)).isZero();
    }

    @Test
    void listsTheRunsStartedSinceAMomentOldestFirstUpToALimit() {
        insert(database.store(), task("t-1"));
        insert(database.store(), task("t-2"));
        startRun("t-1", 1, T0.plusSeconds(10));
        startRun("t-2", 1, T0.plusSeconds(20));
        startRun("t-1", 2, T0.plusSeconds(30));
        startRun("t-2", 2, T0.minusSeconds(5));

        assertThat(overview().runsStartedSince(T0, 10))
                .containsExactly(RunId.of(id("t-1"), 1), RunId.of(id("t-2"), 1), RunId.of(id("t-1"), 2));
        assertThat(overview().runsStartedSince(T0.plusSeconds(20), 10))
                .as("at the moment counts")
                .containsExactly(RunId.of(id("t-2"), 1), RunId.of(id("t-1"), 2));
        assertThat(overview().runsStartedSince(T0, 2)).hasSize(2).first().isEqualTo(RunId.of(id("t-1"), 1));
        assertThat(overview().runsStartedSince(T0.plusSeconds(31), 10)).isEmpty();
    }

    private void startRun(String task, int attempt, Instant startedAt) {
        insert(
                database.store(),
                Run.start(
                        id(task),
                        attempt,
                        "alpha",
                        "node",
                        1,
                        "/runs/" + task + "." + attempt,
                        startedAt,
                        startedAt.plusSeconds(60)));
    }
}
