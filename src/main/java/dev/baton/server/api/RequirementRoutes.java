package dev.baton.server.api;

import dev.baton.engine.AddResult;
import dev.baton.server.JsonSupport;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code POST /api/requirements}: a high-level requirement. Baton has no planner yet, so a
 * requirement becomes exactly one task (type {@code requirement}); the response says so, and
 * lists the tasks made so clients need not change when a planner splits requirements.
 */
public final class RequirementRoutes {
    private static final Set<String> FIELDS = Set.of("text", "title", "agent", "priority", "repo", "base", "timeout");

    private final TaskSubmission submission;

    public RequirementRoutes(TaskSubmission submission) {
        this.submission = submission;
    }

    public void register(RoutesConfig routes) {
        routes.post("/api/requirements", this::create);
    }

    private void create(Context ctx) {
        JsonBody body = JsonBody.read(ctx, FIELDS);
        if (!body.has("text")) {
            throw dev.baton.server.ApiError.badRequest("text is required: describe what should be achieved");
        }
        TaskSubmission.Fields fields = new TaskSubmission.Fields(
                body.string("text", 1_000_000),
                null,
                null,
                body.string("title", 200),
                body.string("agent", 64),
                body.scalar("priority", 10),
                body.string("timeout", 20),
                body.string("repo", 4096),
                body.string("base", 255),
                List.of(),
                null,
                List.of(),
                "requirement",
                List.of("requirement"),
                null);
        AddResult added = submission.submit(fields, "requirement");
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("planned", false);
        out.put("note", "no planner yet: the requirement became one task");
        out.put("tasks", List.of(ApiViews.task(added.task(), null)));
        out.put("warnings", added.warnings());
        JsonSupport.respond(ctx, 201, out);
    }
}
