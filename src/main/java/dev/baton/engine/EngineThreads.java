package dev.baton.engine;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The platform threads of one engine, made when it is built and ended when it closes.
 *
 * <p>Start threads make runs' folders and start runs (workspace, launch). That work blocks on the
 * file system and on processes: on a virtual thread it would hold one of the few carriers the watches
 * need. At most {@link #MAX_STARTS} at once, so a burst of a thousand tasks queues here instead of
 * creating a thousand threads; idle ones end after ten seconds.
 *
 * <p>The output ticker is one thread that checks the output of every run whose stream is not parsed
 * (see {@link RunWatcher}). Thread-safe.
 */
final class EngineThreads implements AutoCloseable {
    static final int MAX_STARTS = 32;
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(5);

    private final ThreadPoolExecutor starts;
    private final ScheduledThreadPoolExecutor ticker;

    EngineThreads() {
        starts = new ThreadPoolExecutor(
                MAX_STARTS,
                MAX_STARTS,
                10,
                TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(),
                Thread.ofPlatform().daemon().name("baton-start-", 0).factory());
        starts.allowCoreThreadTimeOut(true);
        ticker = new ScheduledThreadPoolExecutor(
                1, Thread.ofPlatform().daemon().name("baton-output-ticker").factory());
        ticker.setRemoveOnCancelPolicy(true);
    }

    ExecutorService starts() {
        return starts;
    }

    ScheduledExecutorService ticker() {
        return ticker;
    }

    /**
     * Lets starts in progress finish (a half-made start is left to the next engine's reconcile if
     * they take longer than a few seconds), then ends both pools.
     */
    @Override
    public void close() {
        ticker.shutdownNow();
        starts.shutdown();
        try {
            if (!starts.awaitTermination(CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS)) starts.shutdownNow();
        } catch (InterruptedException e) {
            starts.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
