package dev.baton.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.format.Jackson;
import io.javalin.http.Context;

/** JSON in and out of the server with one shared mapper. */
public final class JsonSupport {
    public static final ObjectMapper MAPPER = Jackson.json();

    private JsonSupport() {}

    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("could not write JSON", e);
        }
    }

    public static void respond(Context ctx, int status, Object body) {
        ctx.status(status);
        ctx.contentType("application/json");
        ctx.result(write(body));
    }

    public static void respond(Context ctx, Object body) {
        respond(ctx, 200, body);
    }
}
