package dev.baton.server.api;

import dev.baton.server.ApiError;
import java.nio.file.Path;

/**
 * Folders named in requests. They are folders on the server, so a relative path (relative to
 * wherever the server was started) is refused rather than guessed.
 */
final class Folders {
    private Folders() {}

    /** The normalised absolute path, or null when {@code given} is null or blank. */
    static Path absolute(String field, String given) {
        if (given == null || given.isBlank()) return null;
        Path path;
        try {
            path = Path.of(given.strip());
        } catch (RuntimeException e) {
            throw ApiError.badRequest(field + " is not a path: " + given);
        }
        if (!path.isAbsolute()) {
            throw ApiError.badRequest(field + " must be an absolute path on the server, not '" + given + "'");
        }
        return path.normalize();
    }
}
