package dev.baton.server.auth;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * A token bucket per caller: {@code perMinute} requests a minute, with bursts up to that many.
 * Thread-safe.
 */
public final class RateLimiter {
    private final double capacity;
    private final double refillPerNano;
    private final LongSupplier nanoTime;
    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();

    public RateLimiter(int perMinute, LongSupplier nanoTime) {
        this.capacity = perMinute;
        this.refillPerNano = perMinute / 60e9;
        this.nanoTime = nanoTime;
    }

    /** Takes one request from the caller's bucket; false when it is empty. */
    public boolean tryAcquire(String key) {
        if (buckets.size() > 100_000) buckets.clear(); // bounded memory against many addresses
        return buckets.computeIfAbsent(key, k -> new Bucket(capacity, nanoTime.getAsLong()))
                .take(capacity, refillPerNano, nanoTime.getAsLong());
    }

    private static final class Bucket {
        private double tokens;
        private long updated;

        Bucket(double tokens, long now) {
            this.tokens = tokens;
            this.updated = now;
        }

        synchronized boolean take(double capacity, double refillPerNano, long now) {
            tokens = Math.min(capacity, tokens + (now - updated) * refillPerNano);
            updated = now;
            if (tokens < 1) return false;
            tokens -= 1;
            return true;
        }
    }
}
