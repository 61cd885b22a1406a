package dev.baton.store;

import static dev.baton.store.StoreFixtures.at;
import static dev.baton.store.StoreFixtures.event;
import static dev.baton.store.StoreFixtures.insert;
import static dev.baton.store.StoreFixtures.run;
import static dev.baton.store.StoreFixtures.task;
import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.core.Event;
import dev.baton.core.Run;
import dev.baton.core.StaleVersionException;
import dev.baton.core.Task;
import dev.baton.core.TaskStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The races every {@link Store} must survive: two instances on one database and eight threads.
 * Part of {@link StoreContract}; a separate file only to keep each one readable.
 */
public interface StoreConcurrencyContract {
    int THREADS = 8;

    /** Another instance on the same database, closed after the test. */
    Store openAnother();

    @Test
    @Timeout(120)
    default void exactlyOneOfManyRacingUpdatesWins() throws Exception {
        List<Store> stores = List.of(openAnother(), openAnother());
        Task queued = insert(stores.getFirst(), task("t-race"));
        CyclicBarrier allHaveRead = new CyclicBarrier(THREADS);

        List<Boolean> won = race(thread -> () -> {
            Store store = stores.get(thread % 2);
            Task read = store.findTask(queued.id()).orElseThrow();
            allHaveRead.await(30, TimeUnit.SECONDS);
            try {
                store.apply(Changes.builder()
                        .update(read.moveTo(TaskStatus.ROUTED, at(1)).withAgent("agent-" + thread))
                        .build());
                return true;
            } catch (StaleVersionException e) {
                return false;
            }
        });

        assertThat(won).containsOnlyOnce(true).hasSize(THREADS);
        Task after = stores.getLast().findTask(queued.id()).orElseThrow();
        assertThat(after.status()).isEqualTo(TaskStatus.ROUTED);
        assertThat(after.version()).isEqualTo(1);
        assertThat(after.agent()).isEqualTo("agent-" + won.indexOf(true));
    }

    @Test
    @Timeout(120)
    default void exactlyOneOfManyNodesTakesOverAnExpiredRun() throws Exception {
        List<Store> stores = List.of(openAnother(), openAnother());
        insert(stores.getFirst(), task("t-1"));
        Run orphan = insert(stores.getFirst(), run(task("t-1").id(), 1, "claude", "node-dead", at(10)));
        CyclicBarrier ready = new CyclicBarrier(THREADS);

        List<Optional<Run>> takeOvers = race(thread -> () -> {
            ready.await(30, TimeUnit.SECONDS);
            return stores.get(thread % 2).takeOver(orphan.id(), "node-" + thread, at(20), at(80));
        });

        List<Run> taken = takeOvers.stream().flatMap(Optional::stream).toList();
        assertThat(taken).hasSize(1);
        assertThat(taken.getFirst().fence()).isEqualTo(orphan.fence() + 1);
        assertThat(stores.getLast().findRun(orphan.id())).contains(taken.getFirst());
    }

    @Test
    @Timeout(120)
    default void concurrentAppendsGetUniqueIncreasingIdsAndNoneIsLost() throws Exception {
        List<Store> stores = List.of(openAnother(), openAnother());
        int batches = 50;

        List<List<Long>> idsPerThread = race(thread -> () -> {
            List<Long> ids = new ArrayList<>();
            for (int batch = 0; batch < batches; batch++) {
                ids.addAll(stores.get(thread % 2)
                        .apply(Changes.builder()
                                .event(event(null, "test.first", Map.of("thread", thread, "batch", batch)))
                                .event(event(null, "test.second", Map.of("thread", thread, "batch", batch)))
                                .build())
                        .eventIds());
            }
            return ids;
        });

        idsPerThread.forEach(ids -> assertThat(ids).isSorted().doesNotHaveDuplicates());
        List<Long> all = idsPerThread.stream().flatMap(List::stream).sorted().toList();
        assertThat(all).hasSize(THREADS * batches * 2).doesNotHaveDuplicates();
        List<Event> stored = stores.getFirst().eventsAfter(0, 10_000);
        assertThat(stored).extracting(Event::id).containsExactlyElementsOf(all);
    }

    /** Runs one task per thread at the same time and returns their results in thread order. */
    private static <T> List<T> race(IntFunction<Callable<T>> work) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (int thread = 0; thread < THREADS; thread++) {
                futures.add(pool.submit(work.apply(thread)));
            }
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get(60, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
