package dev.baton.server.api;

import dev.baton.Baton;
import dev.baton.core.Task;
import dev.baton.core.TaskId;
import dev.baton.plan.Plan;
import dev.baton.plan.PlannedTask;
import dev.baton.server.ApiError;
import dev.baton.server.JsonSupport;
import dev.baton.view.TaskView;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code POST /api/requirements}: a high-level requirement, planned into tasks with types,
 * dependencies and a confidence (by an llm-api agent when one is registered, else by the
 * heuristic). A confident plan is queued at once; a plan below {@link Plan#SUBMIT_THRESHOLD} is
 * returned for a person to review and queued only when the request says {@code "force": true}.
 */
public final class RequirementRoutes {
    private static final Set<String> FIELDS = Set.of("text", "repo", "agent", "heuristic", "force");

    private final Baton baton;

    public RequirementRoutes(Baton baton) {
        this.baton = baton;
    }

    public void register(RoutesConfig routes) {
        routes.post("/api/requirements", this::create);
    }

    private void create(Context ctx) {
        JsonBody body = JsonBody.read(ctx, FIELDS);
        if (!body.has("text") || body.string("text", 1_000_000).isBlank()) {
            throw ApiError.badRequest("text is required: describe what should be achieved");
        }
        String text = body.string("text", 1_000_000);
        String repo = repo(body.string("repo", 4096));
        boolean force = body.flag("force");
        Plan plan = baton.planner().plan(text, body.string("agent", 64), body.flag("heuristic"));
        boolean submit = plan.confident() || force;

        Map<String, Object> out = new LinkedHashMap<>();
        out.put("planned", true);
        out.put("method", plan.method());
        out.put("confidence", plan.confidence());
        out.put("submitted", submit);
        if (submit) {
            List<TaskView> tasks = new ArrayList<>();
            for (TaskId id : baton.planner().submit(plan, repo)) {
                Task task = baton.tasks().get(id);
                tasks.add(TaskView.of(task));
            }
            out.put("tasks", tasks);
        } else {
            out.put(
                    "note",
                    "the plan's confidence is below " + Plan.SUBMIT_THRESHOLD
                            + ": review it, then send the request again with \"force\": true, or rephrase");
            out.put(
                    "tasks",
                    plan.tasks().stream().map(RequirementRoutes::proposed).toList());
        }
        JsonSupport.respond(ctx, submit ? 201 : 200, out);
    }

    private static String repo(String given) {
        if (given == null || given.isBlank()) return null;
        Path repo = Path.of(given.strip());
        if (!repo.isAbsolute()) throw ApiError.badRequest("repo must be an absolute path on the server");
        return repo.normalize().toString();
    }

    private static Map<String, Object> proposed(PlannedTask task) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", task.id());
        out.put("title", task.title());
        out.put("type", task.type());
        out.put("depends_on", task.dependsOn());
        out.put("confidence", task.confidence());
        out.put("why", task.why());
        return out;
    }
}
