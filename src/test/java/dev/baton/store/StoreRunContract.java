package dev.baton.store;

import static dev.baton.store.StoreFixtures.at;
import static dev.baton.store.StoreFixtures.id;
import static dev.baton.store.StoreFixtures.insert;
import static dev.baton.store.StoreFixtures.run;
import static dev.baton.store.StoreFixtures.task;
import static dev.baton.store.StoreFixtures.update;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.baton.core.FailureReason;
import dev.baton.core.Run;
import dev.baton.core.RunId;
import dev.baton.core.RunResult;
import dev.baton.core.RunStatus;
import dev.baton.core.StaleVersionException;
import dev.baton.core.Task;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What every {@link Store} must do with runs and their leases. Part of {@link StoreContract}; a
 * separate file only to keep each one readable.
 */
public interface StoreRunContract {

    /** The store under test. */
    Store store();

    @Test
    default void storesEveryFieldOfARun() {
        Task task = insert(store(), task("t-1"));
        Run run = run(task.id(), 1, "claude", "node-a", at(30))
                .launched(4242, at(2), "/work/t-1", "baton/t-1")
                .withOutputOffset(1234)
                .finished(
                        RunStatus.FAILED,
                        3,
                        FailureReason.EXIT_CODE,
                        "exit 3",
                        new RunResult(
                                List.of("abc123", "def456"),
                                4,
                                50,
                                7,
                                "Fixed most of it",
                                "session-9",
                                new dev.baton.core.Usage(1200, 340, 800, 0.0123)),
                        at(60));

        assertThat(insert(store(), run)).isEqualTo(run);
        assertThat(store().findRun(run.id())).contains(run);
        assertThat(store().findRun(RunId.of(task.id(), 2))).isEmpty();
    }

    @Test
    default void aStaleRunVersionIsRefused() {
        Task task = insert(store(), task("t-1"));
        Run started = insert(store(), run(task.id(), 1, "claude", "node-a", at(30)));
        update(store(), started.launched(1, at(1), "/w", "b"));

        assertThatThrownBy(() -> update(store(), started.withOutputOffset(5)))
                .isInstanceOf(StaleVersionException.class)
                .hasMessageContaining("run t-1.1");
        assertThatThrownBy(() -> insert(store(), started)).isInstanceOf(StaleVersionException.class);
    }

    @Test
    default void runUpdatesLeaveTheLeaseAlone() {
        Task task = insert(store(), task("t-1"));
        Run started = insert(store(), run(task.id(), 1, "claude", "node-a", at(30)));

        Run updated = update(store(), started.launched(77, at(1), "/w", "b").withLease("node-b", 9, at(999)));

        assertThat(updated.status()).isEqualTo(RunStatus.RUNNING);
        assertThat(updated.pid()).isEqualTo(77L);
        assertThat(updated.nodeId()).isEqualTo("node-a");
        assertThat(updated.fence()).isEqualTo(1);
        assertThat(updated.leaseUntil()).isEqualTo(at(30));
        assertThat(updated.version()).isEqualTo(1);
        assertThat(store().findRun(started.id())).contains(updated);
    }

    @Test
    default void tracksRunsThroughTheirLifecycle() {
        Task one = insert(store(), task("t-1"));
        Task two = insert(store(), task("t-2"));
        Run firstTry = insert(store(), run(one.id(), 1, "claude", "node-a", at(30)));
        Run other = insert(store(), run(two.id(), 1, "codex", "node-a", at(30)));
        assertThat(store().activeRunsByAgent()).isEqualTo(Map.of("claude", 1, "codex", 1));

        Run running = update(store(), firstTry.launched(10, at(1), "/w", "b"));
        assertThat(store().activeRuns()).containsExactlyInAnyOrder(running, other);

        update(store(), running.finished(RunStatus.FAILED, 1, FailureReason.EXIT_CODE, "exit 1", null, at(5)));
        Run secondTry = insert(store(), run(one.id(), 2, "claude", "node-a", at(30)));
        update(store(), other.finished(RunStatus.SUCCEEDED, 0, null, null, RunResult.EMPTY, at(6)));

        assertThat(store().activeRuns()).containsExactly(secondTry);
        assertThat(store().activeRunsByAgent()).isEqualTo(Map.of("claude", 1));
        assertThat(store().runsOf(one.id()))
                .extracting(Run::attempt, Run::status)
                .containsExactly(tuple(1, RunStatus.FAILED), tuple(2, RunStatus.STARTING));
    }

    @Test
    default void aTasksRunsAreItsOwnEvenWhenAnotherTasksIdStartsWithItsIdAndADot() {
        Task parent = insert(store(), task("build"));
        Task child = insert(store(), task("build.1"));
        Task sibling = insert(store(), task("build-x"));
        insert(store(), run(child.id(), 1, "claude", "node-a", at(30)));
        insert(store(), run(sibling.id(), 1, "claude", "node-a", at(30)));
        for (int attempt = 1; attempt <= 11; attempt++) {
            insert(store(), run(parent.id(), attempt, "claude", "node-a", at(30)));
        }

        assertThat(store().runsOf(parent.id()))
                .extracting(Run::attempt)
                .containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11);
        assertThat(store().runsOf(child.id())).extracting(Run::attempt).containsExactly(1);
        assertThat(store().runsOf(sibling.id())).extracting(Run::attempt).containsExactly(1);
    }

    @Test
    default void renewsTheLeasesOfOneNodesActiveRunsWithoutNewVersions() {
        List.of("t-1", "t-2", "t-3", "t-4").forEach(name -> insert(store(), task(name)));
        Run mine = insert(store(), run(id("t-1"), 1, "claude", "node-a", at(30)));
        Run mineRunning = update(
                store(),
                insert(store(), run(id("t-2"), 1, "claude", "node-a", at(30))).launched(1, at(1), "/w", "b"));
        Run mineFinished = update(
                store(),
                insert(store(), run(id("t-3"), 1, "claude", "node-a", at(30)))
                        .finished(RunStatus.SUCCEEDED, 0, null, null, null, at(2)));
        Run theirs = insert(store(), run(id("t-4"), 1, "claude", "node-b", at(30)));

        assertThat(store().renewLeases("node-a", at(90))).isEqualTo(2);

        assertThat(store().findRun(mine.id()).orElseThrow().leaseUntil()).isEqualTo(at(90));
        assertThat(store().findRun(mineRunning.id())).contains(mineRunning.withLease("node-a", 1, at(90)));
        assertThat(store().findRun(mineFinished.id())).contains(mineFinished);
        assertThat(store().findRun(theirs.id())).contains(theirs);
        assertThat(store().renewLeases("node-c", at(90))).isZero();
    }

    @Test
    default void takesOverRunsWhoseLeaseExpiredOrIsItsOwn() {
        List.of("t-1", "t-2", "t-3", "t-4").forEach(name -> insert(store(), task(name)));
        Run expired = insert(store(), run(id("t-1"), 1, "claude", "node-a", at(10)));
        Run live = insert(store(), run(id("t-2"), 1, "claude", "node-a", at(30)));
        Run own = insert(store(), run(id("t-3"), 1, "claude", "node-b", at(30)));
        Run finished = update(
                store(),
                insert(store(), run(id("t-4"), 1, "claude", "node-a", at(10)))
                        .finished(RunStatus.SUCCEEDED, 0, null, null, null, at(5)));

        Run taken = store().takeOver(expired.id(), "node-b", at(20), at(80)).orElseThrow();
        assertThat(taken).isEqualTo(expired.withLease("node-b", 2, at(80)).withVersion(1));
        assertThat(store().findRun(expired.id())).contains(taken);

        assertThat(store().takeOver(live.id(), "node-b", at(20), at(80))).isEmpty();
        assertThat(store().takeOver(live.id(), "node-b", at(30), at(80)))
                .as("a lease ending now is live")
                .isEmpty();
        assertThat(store().findRun(live.id())).contains(live);
        assertThat(store().takeOver(own.id(), "node-b", at(20), at(80)))
                .contains(own.withLease("node-b", 2, at(80)).withVersion(1));
        assertThat(store().takeOver(finished.id(), "node-b", at(20), at(80))).isEmpty();
        assertThat(store().takeOver(RunId.of(id("t-9"), 1), "node-b", at(20), at(80)))
                .isEmpty();

        assertThatThrownBy(() -> update(store(), expired.withOutputOffset(100)))
                .as("the old supervisor's copy is stale after a take-over")
                .isInstanceOf(StaleVersionException.class);
    }

    @Test
    default void takesOverFromADeadNodeWhateverItsLeaseSays() {
        List.of("t-1", "t-2", "t-3").forEach(name -> insert(store(), task(name)));
        Run deadNodes = insert(store(), run(id("t-1"), 1, "claude", "node-dead", at(90)));
        Run otherNodes = insert(store(), run(id("t-2"), 1, "claude", "node-live", at(90)));
        Run finished = update(
                store(),
                insert(store(), run(id("t-3"), 1, "claude", "node-dead", at(90)))
                        .finished(RunStatus.SUCCEEDED, 0, null, null, null, at(5)));

        Run taken = store().takeOverFrom(deadNodes.id(), "node-dead", "node-b", at(120))
                .orElseThrow();
        assertThat(taken).isEqualTo(deadNodes.withLease("node-b", 2, at(120)).withVersion(1));
        assertThat(store().takeOverFrom(deadNodes.id(), "node-dead", "node-c", at(120)))
                .as("already taken by node-b")
                .isEmpty();
        assertThat(store().takeOverFrom(otherNodes.id(), "node-dead", "node-b", at(120)))
                .isEmpty();
        assertThat(store().takeOverFrom(finished.id(), "node-dead", "node-b", at(120)))
                .isEmpty();
        assertThat(store().findRun(otherNodes.id())).contains(otherNodes);
    }
}
