package dev.baton.server;

import dev.baton.core.DuplicateTaskIdException;
import dev.baton.core.IllegalTransitionException;
import dev.baton.core.InvalidInputException;
import dev.baton.core.NotFoundException;
import dev.baton.core.StaleVersionException;
import dev.baton.core.TaskFileException;
import dev.baton.tasks.InvalidTaskRequestException;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where failures become HTTP responses: always {@code {"error": "..."}}, never a
 * stack trace. Input the server or the task intake rejects is 400 (for a task request that includes
 * an unknown agent, a missing dependency and a folder that is no repository); other input the domain
 * rejects (a malformed task file, say) is 422; a state that does not allow the action, or a task id
 * that is taken, is 409.
 */
final class ErrorMapping {
    private static final Logger log = LoggerFactory.getLogger(ErrorMapping.class);
    private static final AtomicLong REFERENCES = new AtomicLong();

    private ErrorMapping() {}

    static void install(RoutesConfig routes) {
        routes.exception(ApiError.class, (e, ctx) -> write(ctx, e.status(), e.getMessage()));
        routes.exception(InvalidTaskRequestException.class, (e, ctx) -> write(ctx, 400, e.getMessage()));
        routes.exception(DuplicateTaskIdException.class, (e, ctx) -> write(ctx, 409, e.getMessage()));
        routes.exception(TaskFileException.class, (e, ctx) -> write(ctx, 422, e.getMessage()));
        routes.exception(InvalidInputException.class, (e, ctx) -> write(ctx, 422, e.getMessage()));
        routes.exception(NotFoundException.class, (e, ctx) -> write(ctx, 404, e.getMessage()));
        routes.exception(IllegalTransitionException.class, (e, ctx) -> write(ctx, 409, e.getMessage()));
        routes.exception(
                StaleVersionException.class,
                (e, ctx) -> write(ctx, 409, "the task changed while this request ran; try again"));
        routes.exception(HttpResponseException.class, (e, ctx) -> write(ctx, e.getStatus(), httpMessage(e, ctx)));
        routes.exception(Exception.class, (e, ctx) -> {
            long reference = REFERENCES.incrementAndGet();
            log.error("request {} {} failed (reference {})", ctx.method(), ctx.path(), reference, e);
            write(ctx, 500, "internal error (reference " + reference + " in the server log); please report it");
        });
        routes.error(404, ctx -> {
            if (!isJson(ctx)) write(ctx, 404, "no such endpoint: " + ctx.method() + " " + ctx.path());
        });
        routes.error(405, ctx -> {
            if (!isJson(ctx)) write(ctx, 405, ctx.method() + " is not allowed on " + ctx.path());
        });
    }

    private static boolean isJson(Context ctx) {
        String type = ctx.res().getContentType();
        return type != null && type.startsWith("application/json") && ctx.result() != null;
    }

    private static String httpMessage(HttpResponseException e, Context ctx) {
        return switch (e.getStatus()) {
            case 413 -> "the request body is too large; send at most " + BatonServer.MAX_BODY_BYTES + " bytes";
            case 404 -> "no such endpoint: " + ctx.method() + " " + ctx.path();
            case 405 -> ctx.method() + " is not allowed on " + ctx.path();
            default -> e.getMessage() == null || e.getMessage().isBlank() ? "request refused" : e.getMessage();
        };
    }

    static void write(Context ctx, int status, String message) {
        ctx.status(status);
        if (status == 429) ctx.header("Retry-After", "1");
        if (status == 401) ctx.header("WWW-Authenticate", "Bearer");
        ctx.contentType("application/json");
        ctx.result(JsonSupport.write(Map.of("error", message)));
    }
}
