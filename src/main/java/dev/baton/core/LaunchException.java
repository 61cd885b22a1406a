package dev.baton.core;

/** A process could not be started or signalled. */
public final class LaunchException extends BatonException {
    public LaunchException(String message) {
        super(message, true, null);
    }

    public LaunchException(String message, Throwable cause) {
        super(message, true, cause);
    }
}
