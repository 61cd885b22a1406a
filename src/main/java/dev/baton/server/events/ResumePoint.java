package dev.baton.server.events;

import dev.baton.server.ApiError;

/** Where a live stream starts: after the id a client last saw ({@code Last-Event-ID} or {@code ?after=}). */
final class ResumePoint {
    private ResumePoint() {}

    /**
     * @param lastEventId the header, or null
     * @param after the query parameter, or null
     * @param newest the newest id now: a client that names neither starts from here (new events only)
     */
    static long parse(String lastEventId, String after, long newest) {
        String value = lastEventId != null && !lastEventId.isBlank() ? lastEventId : after;
        if (value == null || value.isBlank()) return newest;
        try {
            long id = Long.parseLong(value.strip());
            if (id < 0) throw new NumberFormatException();
            return id;
        } catch (NumberFormatException e) {
            throw ApiError.badRequest(
                    "after / Last-Event-ID must be an event id (a whole number from 0), not '" + value + "'");
        }
    }
}
