package dev.baton.core;

/** The database could not do what was asked. */
public final class StoreException extends BatonException {
    public StoreException(String message, Throwable cause) {
        super(message, true, cause);
    }
}
