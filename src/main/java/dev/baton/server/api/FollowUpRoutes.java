package dev.baton.server.api;

import dev.baton.Baton;
import dev.baton.core.Task;
import dev.baton.core.TaskId;
import dev.baton.server.ApiError;
import dev.baton.server.EngineControl;
import dev.baton.server.JsonSupport;
import dev.baton.tasks.AddResult;
import dev.baton.view.AddedTaskView;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.Set;

/**
 * {@code POST /api/tasks/{id}/followups}: what {@code baton followup ID TEXT} does — a new task
 * that continues a finished one in its worktree and branch, on the same agent, resuming the
 * agent's session where it can.
 */
public final class FollowUpRoutes {
    private static final Set<String> FIELDS = Set.of("text");

    private final Baton baton;
    private final EngineControl engine;

    public FollowUpRoutes(Baton baton, EngineControl engine) {
        this.baton = baton;
        this.engine = engine;
    }

    public void register(RoutesConfig routes) {
        routes.post("/api/tasks/{id}/followups", this::create);
    }

    private void create(Context ctx) {
        TaskId parentId = Params.taskId(ctx);
        String text = JsonBody.read(ctx, FIELDS).string("text", 1_000_000);
        if (text == null || text.isBlank()) {
            throw ApiError.badRequest("text is required: say what the follow-up should do, {\"text\": \"...\"}");
        }
        Task parent = baton.tasks().get(parentId);
        if (!parent.status().isTerminal()) {
            throw ApiError.conflict(
                    "task " + parentId + " is still " + parent.status().wireName()
                            + "; follow up once it has finished (or add the text as a new task with depends_on)");
        }
        AddResult added = baton.tasks().followUp(parentId, text);
        engine.wake();
        ctx.header("Location", "/api/tasks/" + added.task().id());
        JsonSupport.respond(ctx, 201, AddedTaskView.of(added));
    }
}
