package dev.baton.plan;

import dev.baton.core.BatonException;

/** A model answered, but not with a plan Baton can use; asking again may give a better one. */
public final class InvalidPlanException extends BatonException {
    public InvalidPlanException(String message) {
        super(message, true);
    }
}
