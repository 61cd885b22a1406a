package dev.baton.server.api;

import dev.baton.server.ApiError;

/** Checks shared by routes outside this package. */
public final class Validation {
    private Validation() {}

    /** An optional event id from a query parameter; null when absent. */
    public static Long eventId(String raw) {
        if (raw == null || raw.isBlank()) return null;
        try {
            long id = Long.parseLong(raw.strip());
            if (id < 0) throw new NumberFormatException();
            return id;
        } catch (NumberFormatException e) {
            throw ApiError.badRequest("after must be an event id (a whole number from 0), not '" + raw + "'");
        }
    }
}
