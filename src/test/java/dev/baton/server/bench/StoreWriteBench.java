package dev.baton.server.bench;

import dev.baton.core.Event;
import dev.baton.store.Changes;
import dev.baton.store.SqliteStore;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.time.Instant;
import java.util.Map;

/**
 * What the event writer of {@link EventFanoutBench} costs by itself: {@code n} benchmark events
 * appended to a fresh SQLite store, {@code perTransaction} to a transaction, three rounds (the first
 * warms up). Prints the writing thread's CPU and the wall time per event.
 *
 * <p>Arguments: [events=10000] [perTransaction=1]. Run it with {@code bench/events --store ...}.
 */
public final class StoreWriteBench {
    private StoreWriteBench() {}

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int perTransaction = args.length > 1 ? Integer.parseInt(args[1]) : 1;
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        try (SqliteStore store =
                SqliteStore.open(Files.createTempDirectory("baton-bench-store").resolve("baton.db"))) {
            for (int round = 1; round <= 3; round++) {
                long cpu = threads.getCurrentThreadCpuTime();
                long start = System.nanoTime();
                for (int i = 0; i < n; i += perTransaction) {
                    Changes.Builder changes = Changes.builder();
                    for (int j = i; j < Math.min(n, i + perTransaction); j++) {
                        changes.event(Event.of(
                                Instant.now(),
                                null,
                                null,
                                "bench.tick",
                                Map.of("seq", j, "sent_nanos", System.nanoTime())));
                    }
                    store.apply(changes.build());
                }
                System.out.printf(
                        "round %d: %d events, %d per transaction: %.0f µs of CPU and %.0f µs of wall time per event%n",
                        round,
                        n,
                        perTransaction,
                        (threads.getCurrentThreadCpuTime() - cpu) / 1e3 / n,
                        (System.nanoTime() - start) / 1e3 / n);
            }
        }
    }
}
