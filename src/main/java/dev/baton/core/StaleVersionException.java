package dev.baton.core;

/** Someone else changed the record since it was read; re-read it and decide again. */
public final class StaleVersionException extends BatonException {
    public StaleVersionException(String what, long expectedVersion) {
        super(what + " was changed concurrently (expected version " + expectedVersion + ")", true);
    }
}
