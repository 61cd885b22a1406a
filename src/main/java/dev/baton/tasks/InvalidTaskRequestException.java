package dev.baton.tasks;

import dev.baton.core.InvalidInputException;

/**
 * A task request that breaks one of the intake's rules; the message names the field and says what
 * would do. The CLI answers it with exit code 2, the API with 400.
 */
public final class InvalidTaskRequestException extends InvalidInputException {
    public InvalidTaskRequestException(String message) {
        super(message);
    }

    public InvalidTaskRequestException(String message, Throwable cause) {
        super(message, cause);
    }
}
