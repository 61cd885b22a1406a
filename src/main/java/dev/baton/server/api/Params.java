package dev.baton.server.api;

import dev.baton.core.RunId;
import dev.baton.core.TaskId;
import dev.baton.server.ApiError;
import io.javalin.http.Context;

/** Path and query parameters, validated; a bad one is a 400 that names it. */
final class Params {
    private Params() {}

    static TaskId taskId(Context ctx) {
        String raw = ctx.pathParam("id");
        try {
            return TaskId.of(raw);
        } catch (RuntimeException e) {
            throw ApiError.badRequest(e.getMessage());
        }
    }

    static RunId runId(Context ctx) {
        String raw = ctx.pathParam("id");
        try {
            return new RunId(raw);
        } catch (RuntimeException e) {
            throw ApiError.badRequest(e.getMessage());
        }
    }

    static long longParam(Context ctx, String name, long fallback, long min, long max) {
        String raw = ctx.queryParam(name);
        if (raw == null || raw.isBlank()) return fallback;
        try {
            long value = Long.parseLong(raw.strip());
            if (value < min || value > max) throw new NumberFormatException();
            return value;
        } catch (NumberFormatException e) {
            throw ApiError.badRequest(
                    name + " must be a whole number from " + min + " to " + max + ", not '" + raw + "'");
        }
    }

    static int intParam(Context ctx, String name, int fallback, int min, int max) {
        return (int) longParam(ctx, name, fallback, min, max);
    }
}
