package dev.baton.server;

/**
 * An HTTP error with a message that says what to fix. Thrown by handlers; {@link ErrorMapping}
 * turns it (and Baton's own exceptions) into {@code {"error": "..."}} with the status.
 */
public final class ApiError extends RuntimeException {
    private final int status;

    public ApiError(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    public int status() {
        return status;
    }

    public static ApiError badRequest(String message) {
        return new ApiError(400, message);
    }

    public static ApiError unauthorized(String message) {
        return new ApiError(401, message);
    }

    public static ApiError forbidden(String message) {
        return new ApiError(403, message);
    }

    public static ApiError notFound(String message) {
        return new ApiError(404, message);
    }

    public static ApiError conflict(String message) {
        return new ApiError(409, message);
    }

    public static ApiError tooLarge(String message) {
        return new ApiError(413, message);
    }

    public static ApiError unprocessable(String message) {
        return new ApiError(422, message);
    }

    public static ApiError tooManyRequests(String message) {
        return new ApiError(429, message);
    }
}
