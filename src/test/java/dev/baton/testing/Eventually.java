package dev.baton.testing;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waits for a condition with a hard timeout (never a timed assertion: the bound is generous). */
public final class Eventually {
    private Eventually() {}

    public static void await(String what, Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) return;
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for " + what);
            }
        }
        if (!condition.getAsBoolean()) throw new AssertionError("timed out after " + timeout + " waiting for " + what);
    }
}
