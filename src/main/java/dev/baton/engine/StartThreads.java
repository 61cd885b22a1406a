package dev.baton.engine;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The platform threads that make runs' folders and start runs (workspace, launch), shared by every
 * engine of the JVM. That work blocks on the file system and on processes: on a virtual thread it
 * would hold one of the few carriers the watches need. Idle threads end after a minute.
 */
final class StartThreads {
    static final ExecutorService POOL = Executors.newCachedThreadPool(
            Thread.ofPlatform().daemon().name("baton-start-", 0).factory());

    private StartThreads() {}
}
