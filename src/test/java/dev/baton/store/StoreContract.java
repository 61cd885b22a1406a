package dev.baton.store;

import static dev.baton.store.StoreFixtures.T0;
import static dev.baton.store.StoreFixtures.at;
import static dev.baton.store.StoreFixtures.event;
import static dev.baton.store.StoreFixtures.id;
import static dev.baton.store.StoreFixtures.ids;
import static dev.baton.store.StoreFixtures.insert;
import static dev.baton.store.StoreFixtures.move;
import static dev.baton.store.StoreFixtures.run;
import static dev.baton.store.StoreFixtures.runEvent;
import static dev.baton.store.StoreFixtures.task;
import static dev.baton.store.StoreFixtures.taskIn;
import static dev.baton.store.StoreFixtures.update;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.core.Event;
import dev.baton.core.FailureReason;
import dev.baton.core.InvalidInputException;
import dev.baton.core.NotFoundException;
import dev.baton.core.Run;
import dev.baton.core.RunId;
import dev.baton.core.StaleVersionException;
import dev.baton.core.Task;
import dev.baton.core.TaskId;
import dev.baton.core.TaskMode;
import dev.baton.core.TaskSpec;
import dev.baton.core.TaskStatus;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every {@link Store} adapter must do. An adapter's test extends this class and says how to
 * open its store. {@link StoreRunContract} adds runs and leases, {@link StoreConcurrencyContract}
 * the races between instances.
 */
public abstract class StoreContract implements StoreRunContract, StoreConcurrencyContract, StoreDecisionContract {
    @TempDir
    protected Path dir;

    protected Store store;
    private final List<Store> opened = new ArrayList<>();

    /**
     * Opens the adapter's store on the database that belongs to {@code dir}. Called again with the
     * same folder, it must open a second instance on the same database.
     */
    protected abstract Store openStore(Path dir);

    @Override
    public Store store() {
        return store;
    }

    /** Another instance on the same database, closed after the test. */
    @Override
    public Store openAnother() {
        Store another = openStore(dir);
        opened.add(another);
        return another;
    }

    @BeforeEach
    void openTheStore() {
        store = openAnother();
    }

    @AfterEach
    void closeStores() {
        opened.forEach(Store::close);
    }

    @Test
    void storesEveryFieldOfATaskAndItsSpec() {
        Map<String, Object> nested = new LinkedHashMap<>();
        nested.put("list", List.of(1, Map.of("deep", "x"), List.of()));
        nested.put("nothing", null);
        TaskSpec spec = TaskSpec.builder("# Task: Fix the parser\n\nIt breaks on tabs.")
                .title("Fix the parser")
                .type("bug")
                .priority(2)
                .requires(List.of("java", "git"))
                .preferredAgent("claude")
                .timeout(Duration.ofMinutes(90).plusMillis(250))
                .dependsOn(List.of(id("t-1"), id("t-2")))
                .mode(TaskMode.PLAN_FIRST)
                .tags(List.of("parser", "flaky"))
                .modelHint("opus")
                .estimatedTokens(12_000L)
                .repo("/home/ana/project")
                .baseBranch("main")
                .maxRetries(3)
                .extra("owner", "ana")
                .extra("count", 3)
                .extra("big", 5_000_000_000L)
                .extra("ratio", 0.25)
                .extra("urgent", true)
                .extra("labels", List.of("a", "b"))
                .extra("nested", nested)
                .source("file:tasks/pending/task-001.md")
                .followUpOf(id("t-0"))
                .build();
        Task task = new Task(
                id("t-full"),
                spec,
                TaskStatus.FAILED,
                "claude",
                "baton/t-full-fix-the-parser",
                FailureReason.TIMED_OUT,
                "ran for 90m",
                2,
                at(600),
                T0,
                at(30),
                0);

        Task stored = insert(store, task);

        assertThat(stored).isEqualTo(task);
        assertThat(store.findTask(task.id())).contains(task);
        assertThat(store.listTasks(TaskQuery.ALL)).containsExactly(task);
    }

    @Test
    void updatesReturnTheNextVersionAndStoreTheWholeTask() {
        Task inserted = insert(store, task("t-1"));
        assertThat(inserted.version()).isZero();

        Task changed = inserted.moveTo(TaskStatus.ROUTED, at(5))
                .withAgent("codex")
                .withBranch("baton/t-1")
                .withAttempts(1)
                .withNotBefore(at(9));
        Task updated = update(store, changed);

        assertThat(updated).isEqualTo(changed.withVersion(1));
        assertThat(store.findTask(inserted.id())).contains(updated);
        assertThat(update(store, updated.moveTo(TaskStatus.RUNNING, at(6))).version())
                .isEqualTo(2);
    }

    @Test
    void refusesATaskIdThatExists() {
        insert(store, task("t-1"));

        assertThatThrownBy(() -> store.apply(Changes.builder()
                        .insert(task("t-2"))
                        .insert(task("t-1"))
                        .event(event("t-1", "task.created", Map.of()))
                        .build()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("a task with id t-1 already exists");
        assertThat(store.findTask(id("t-2"))).isEmpty();
        assertThat(store.eventsAfter(0, 10)).isEmpty();
        assertThatThrownBy(() -> store.apply(Changes.builder()
                        .insert(task("t-3"))
                        .insert(task("t-3"))
                        .build()))
                .isInstanceOf(InvalidInputException.class);
        assertThat(store.findTask(id("t-3"))).isEmpty();
    }

    @Test
    void aStaleVersionAbortsTheWholeBatch() {
        Task first = insert(store, task("t-1"));
        Task current = move(store, first, TaskStatus.ROUTED);
        Run liveRun = insert(store, run(first.id(), 1, "claude", "node-a", at(30)));

        assertThatThrownBy(() -> store.apply(Changes.builder()
                        .insert(task("t-2"))
                        .update(first.moveTo(TaskStatus.CANCELLED, at(9)))
                        .insert(run(id("t-2"), 1, "claude", "node-a", at(30)))
                        .update(liveRun.launched(1, at(1), "/w", "b"))
                        .event(event("t-1", "task.cancelled", Map.of()))
                        .build()))
                .isInstanceOf(StaleVersionException.class)
                .hasMessageContaining("task t-1");

        assertThat(store.findTask(first.id())).contains(current);
        assertThat(store.findTask(id("t-2"))).isEmpty();
        assertThat(store.findRun(RunId.of(id("t-2"), 1))).isEmpty();
        assertThat(store.findRun(liveRun.id())).contains(liveRun);
        assertThat(store.eventsAfter(0, 10)).isEmpty();
    }

    @Test
    void updatingSomethingThatDoesNotExistIsNotFound() {
        assertThatThrownBy(() -> update(store, task("t-ghost"))).isInstanceOf(NotFoundException.class);
        insert(store, task("t-1"));
        assertThatThrownBy(() -> update(store, run(id("t-1"), 1, "claude", "node-a", at(30))))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void dispatchesByPriorityThenAgeThenIdOnceDependenciesAreDone() {
        insert(store, taskIn("done", TaskStatus.COMPLETED, null));
        Task a = insert(store, task("a", 5, at(0)));
        insert(store, task("b", 1, at(2)));
        insert(store, task("c", 1, at(1)));
        insert(store, task("d", 5, at(0)));
        insert(store, task("e-missing-dep", 1, at(0), "no-such-task"));
        insert(store, task("f-after-a", 1, at(0), "a"));
        insert(store, task("g-after-done", 3, at(0), "done"));
        insert(store, task("h-later", 1, at(0)).withNotBefore(at(101)));
        insert(store, task("i-now", 9, at(0)).withNotBefore(at(100)));
        insert(store, taskIn("j-retrying", TaskStatus.RETRYING, null));

        assertThat(ids(store.dispatchable(at(100), 50))).containsExactly("c", "b", "g-after-done", "a", "d", "i-now");
        assertThat(ids(store.dispatchable(at(100), 3))).containsExactly("c", "b", "g-after-done");
        assertThat(store.dispatchable(at(100), 0)).isEmpty();

        move(store, a, TaskStatus.ROUTED, TaskStatus.RUNNING, TaskStatus.COMPLETED);
        assertThat(ids(store.dispatchable(at(101), 50)))
                .containsExactly("f-after-a", "h-later", "c", "b", "g-after-done", "d", "i-now");
    }

    @Test
    void findsRetriesWhoseBackoffHasPassed() {
        insert(store, taskIn("r-due", TaskStatus.RETRYING, at(10)));
        insert(store, taskIn("r-exactly-now", TaskStatus.RETRYING, at(20)));
        insert(store, taskIn("r-no-backoff", TaskStatus.RETRYING, null));
        insert(store, taskIn("r-later", TaskStatus.RETRYING, at(21)));
        insert(store, taskIn("q-due", TaskStatus.QUEUED, at(10)));

        assertThat(ids(store.dueRetries(at(20)))).containsExactlyInAnyOrder("r-due", "r-exactly-now", "r-no-backoff");
    }

    @Test
    void findsWaitingTasksWhoseDependencyFailedOrWasCancelled() {
        insert(store, taskIn("failed", TaskStatus.FAILED, null));
        insert(store, taskIn("cancelled", TaskStatus.CANCELLED, null));
        insert(store, taskIn("completed", TaskStatus.COMPLETED, null));
        insert(store, taskIn("queued", TaskStatus.QUEUED, null));
        insert(store, taskIn("q-on-failed", TaskStatus.QUEUED, null, "completed", "failed"));
        insert(store, taskIn("w-on-cancelled", TaskStatus.WAITING_APPROVAL, null, "cancelled"));
        insert(store, taskIn("q-on-completed", TaskStatus.QUEUED, null, "completed"));
        insert(store, taskIn("q-on-queued", TaskStatus.QUEUED, null, "queued"));
        insert(store, taskIn("q-on-missing", TaskStatus.QUEUED, null, "missing"));
        insert(store, taskIn("routed-on-failed", TaskStatus.ROUTED, null, "failed"));

        assertThat(ids(store.blockedByFailedDependencies())).containsExactlyInAnyOrder("q-on-failed", "w-on-cancelled");
    }

    @Test
    void reportsMissingIdsInTheOrderGiven() {
        insert(store, task("a"));
        insert(store, task("b"));

        assertThat(store.missingTasks(List.of(id("zz"), id("a"), id("yy"), id("zz"), id("b"))))
                .containsExactly(id("zz"), id("yy"));
        assertThat(store.missingTasks(List.of())).isEmpty();

        List<TaskId> many = IntStream.range(0, 1200).mapToObj(i -> id("m-" + i)).toList();
        insert(store, task("m-1100"));
        assertThat(store.missingTasks(many)).hasSize(1199).doesNotContain(id("m-1100"));
    }

    @Test
    void listsTasksNewestFirstByStatus() {
        insert(store, task("old", 5, at(0)));
        insert(store, task("new", 5, at(2)));
        Task middle = insert(store, task("middle", 5, at(1)));
        move(store, middle, TaskStatus.CANCELLED);

        assertThat(ids(store.listTasks(TaskQuery.ALL))).containsExactly("new", "middle", "old");
        assertThat(ids(store.listTasks(new TaskQuery(Set.of(), 2)))).containsExactly("new", "middle");
        assertThat(ids(store.listTasks(new TaskQuery(Set.of(TaskStatus.QUEUED), 10))))
                .containsExactly("new", "old");
        assertThat(ids(store.listTasks(new TaskQuery(Set.of(TaskStatus.CANCELLED, TaskStatus.FAILED), 10))))
                .containsExactly("middle");
    }

    @Test
    void givesEventsIncreasingIdsAndReadsThemBack() {
        insert(store, task("t-1"));
        RunId run = RunId.of(id("t-1"), 1);
        Map<String, Object> data = Map.of("agent", "claude", "n", 3, "list", List.of(1, "two", Map.of("k", true)));
        List<Long> first = store.apply(Changes.builder()
                        .event(event("t-1", "task.created", data))
                        .event(event("t-2", "task.created", Map.of()))
                        .event(event(null, "engine.started", Map.of()))
                        .build())
                .eventIds();
        List<Long> second = store.apply(
                        Changes.builder().event(runEvent(run, "run.started")).build())
                .eventIds();

        assertThat(first).hasSize(3).isSorted().doesNotHaveDuplicates();
        assertThat(second.getFirst()).isGreaterThan(first.getLast());
        List<Event> all = store.eventsAfter(0, 100);
        assertThat(all)
                .extracting(Event::id)
                .containsExactly(first.get(0), first.get(1), first.get(2), second.getFirst());
        assertThat(all.getFirst()).isEqualTo(new Event(first.getFirst(), T0, id("t-1"), null, "task.created", data));
        assertThat(all.get(2).taskId()).isNull();
        assertThat(all.get(3).runId()).isEqualTo(run);

        assertThat(store.eventsAfter(first.get(1), 100))
                .extracting(Event::type)
                .containsExactly("engine.started", "run.started");
        assertThat(store.eventsAfter(0, 2)).extracting(Event::id).containsExactly(first.get(0), first.get(1));
        assertThat(store.eventsOf(id("t-1"), 0, 100))
                .extracting(Event::type)
                .containsExactly("task.created", "run.started");
        assertThat(store.eventsOf(id("t-1"), first.getFirst(), 100))
                .extracting(Event::type)
                .containsExactly("run.started");
        assertThat(store.eventsOf(id("t-1"), 0, 1)).hasSize(1);
    }

    @Test
    void keepsEverythingAcrossCloseAndReopen() {
        Task task = move(store, insert(store, task("t-1")), TaskStatus.ROUTED);
        Run run = insert(store, run(task.id(), 1, "claude", "node-a", at(30)));
        long eventId = store.apply(Changes.builder()
                        .event(event("t-1", "task.routed", Map.of("to", "claude")))
                        .build())
                .eventIds()
                .getFirst();
        store.close();
        opened.remove(store);

        Store reopened = openAnother();
        assertThat(reopened.findTask(task.id())).contains(task);
        assertThat(reopened.findRun(run.id())).contains(run);
        assertThat(reopened.eventsAfter(0, 10)).extracting(Event::id).containsExactly(eventId);
        long next = reopened.apply(
                        Changes.builder().event(event("t-1", "x", Map.of())).build())
                .eventIds()
                .getFirst();
        assertThat(next).isGreaterThan(eventId);
    }
}
