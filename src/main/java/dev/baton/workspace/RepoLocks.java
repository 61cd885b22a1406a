package dev.baton.workspace;

import java.nio.file.Path;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * One lock per repository (keyed by its real common git folder), shared by every {@link
 * GitWorkspaces} in this JVM, so Baton's own git calls never race for {@code index.lock} or a ref
 * lock. A {@link ReentrantLock} rather than {@code synchronized} so waiting virtual threads do not
 * pin their carrier. Thread-safe.
 */
final class RepoLocks {
    private static final ConcurrentHashMap<Path, ReentrantLock> LOCKS = new ConcurrentHashMap<>();

    private RepoLocks() {}

    static <T> T with(Path commonDir, Supplier<T> action) {
        ReentrantLock lock = LOCKS.computeIfAbsent(commonDir, key -> new ReentrantLock());
        lock.lock();
        try {
            return action.get();
        } finally {
            lock.unlock();
        }
    }
}
