package dev.baton.core;

/** Input a user gave that Baton cannot accept; the message says what to fix. */
public class InvalidInputException extends BatonException {
    public InvalidInputException(String message) {
        super(message, false);
    }

    public InvalidInputException(String message, Throwable cause) {
        super(message, false, cause);
    }
}
