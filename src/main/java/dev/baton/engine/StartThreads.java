package dev.baton.engine;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The platform threads that make runs' folders and start runs (workspace, launch), shared by every
 * engine of the JVM. That work blocks on the file system and on processes: on a virtual thread it
 * would hold one of the few carriers the watches need. At most {@link #MAX} at once, so a burst of a
 * thousand tasks queues here instead of creating a thousand threads; idle ones end after ten seconds.
 */
final class StartThreads {
    static final int MAX = 32;

    static final ExecutorService POOL = pool();

    private StartThreads() {}

    private static ExecutorService pool() {
        ThreadPoolExecutor pool = new ThreadPoolExecutor(
                MAX,
                MAX,
                10,
                TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(),
                Thread.ofPlatform().daemon().name("baton-start-", 0).factory());
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }
}
