package dev.baton.core;

/**
 * The root of every failure Baton reports. Each subclass is named for the failure and says whether
 * trying again may help ({@link #isTransient()}).
 */
public abstract class BatonException extends RuntimeException {
    private final boolean transientFailure;

    protected BatonException(String message, boolean transientFailure) {
        super(message);
        this.transientFailure = transientFailure;
    }

    protected BatonException(String message, boolean transientFailure, Throwable cause) {
        super(message, cause);
        this.transientFailure = transientFailure;
    }

    /** True when the same operation may succeed if tried again later. */
    public boolean isTransient() {
        return transientFailure;
    }
}
