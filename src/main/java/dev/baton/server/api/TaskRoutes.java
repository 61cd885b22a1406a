package dev.baton.server.api;

import dev.baton.Baton;
import dev.baton.core.Event;
import dev.baton.core.InvalidInputException;
import dev.baton.core.Task;
import dev.baton.core.TaskId;
import dev.baton.core.TaskStatus;
import dev.baton.server.ApiError;
import dev.baton.server.EngineControl;
import dev.baton.server.JsonSupport;
import dev.baton.store.TaskQuery;
import dev.baton.tasks.AddResult;
import dev.baton.tasks.Source;
import dev.baton.tasks.TaskRequest;
import dev.baton.view.AddedTaskView;
import dev.baton.view.EventView;
import dev.baton.view.TaskView;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code /api/tasks}: create (text or markdown), list with filters, get, cancel, retry, events. */
public final class TaskRoutes {
    static final Set<String> FIELDS = Set.of(
            "text",
            "markdown",
            "file_name",
            "title",
            "agent",
            "priority",
            "timeout",
            "repo",
            "base",
            "depends_on",
            "retries",
            "requires",
            "type",
            "tags",
            "mode");
    private static final int MAX_LIST = 1000;

    private final Baton baton;
    private final EngineControl engine;

    public TaskRoutes(Baton baton, EngineControl engine) {
        this.baton = baton;
        this.engine = engine;
    }

    public void register(RoutesConfig routes) {
        routes.post("/api/tasks", this::create);
        routes.get("/api/tasks", this::list);
        routes.get("/api/tasks/{id}", this::get);
        routes.post("/api/tasks/{id}/cancel", this::cancel);
        routes.post("/api/tasks/{id}/retry", this::retry);
        routes.get("/api/tasks/{id}/events", this::events);
    }

    private void create(Context ctx) {
        TaskRequest request;
        String type = ctx.contentType() == null ? "" : ctx.contentType().toLowerCase();
        if (type.startsWith("text/markdown")) {
            String markdown = new String(Bodies.bytes(ctx), StandardCharsets.UTF_8);
            request =
                    TaskRequest.markdown(markdown, ctx.queryParam("file_name")).build();
        } else {
            request = request(JsonBody.read(ctx, FIELDS));
        }
        AddResult added = baton.intake().submit(request, Source.api(DecisionRoutes.who(ctx)));
        engine.wake();
        ctx.header("Location", "/api/tasks/" + added.task().id());
        JsonSupport.respond(ctx, 201, AddedTaskView.of(added));
    }

    /** The body's fields as sent: sizes and JSON types are checked here, everything else by the intake. */
    static TaskRequest request(JsonBody body) {
        return TaskRequest.builder()
                .text(body.string("text", 1_000_000))
                .markdown(body.string("markdown", 1_000_000), body.string("file_name", 100))
                .title(body.string("title", 200))
                .agent(body.string("agent", 64))
                .priority(body.scalar("priority", 10))
                .timeout(body.string("timeout", 20))
                .repo(body.string("repo", 4096))
                .base(body.string("base", 255))
                .dependsOn(body.strings("depends_on", 100, 80))
                .retries(body.integer("retries"))
                .requires(body.strings("requires", 50, 64))
                .type(body.string("type", 32))
                .tags(body.strings("tags", 50, 64))
                .mode(body.string("mode", 20))
                .build();
    }

    private void list(Context ctx) {
        Set<TaskStatus> statuses = EnumSet.noneOf(TaskStatus.class);
        String status = ctx.queryParam("status");
        if (status != null && !status.isBlank()) {
            for (String name : status.split(",")) {
                try {
                    statuses.add(TaskStatus.fromWire(name.strip()));
                } catch (InvalidInputException e) {
                    throw ApiError.badRequest("status: " + e.getMessage());
                }
            }
        }
        int limit = Params.intParam(ctx, "limit", 100, 1, MAX_LIST);
        String agent = ctx.queryParam("agent");
        if (agent != null && !agent.matches("[a-z0-9][a-z0-9._-]{0,63}")) {
            throw ApiError.badRequest("agent must be an agent name (lower-case letters, digits, '.', '_', '-')");
        }
        List<Task> tasks = agent == null
                ? baton.tasks().list(new TaskQuery(statuses, limit))
                : baton.tasks().list(new TaskQuery(statuses, 10_000)).stream()
                        .filter(t -> agent.equals(t.agent()))
                        .limit(limit)
                        .toList();
        JsonSupport.respond(
                ctx, Map.of("tasks", tasks.stream().map(TaskView::of).toList()));
    }

    private void get(Context ctx) {
        TaskId id = Params.taskId(ctx);
        Task task = baton.tasks().get(id);
        JsonSupport.respond(
                ctx, TaskView.of(task, baton.tasks().runs(id), baton.tasks().routingSteps(id)));
    }

    private void cancel(Context ctx) {
        TaskId id = Params.taskId(ctx);
        Task task = baton.tasks().get(id);
        if (task.status().isTerminal()) {
            throw ApiError.conflict(
                    "task " + id + " is already " + task.status().wireName() + "; nothing to cancel");
        }
        Task cancelled;
        try {
            cancelled = baton.tasks().cancel(id);
        } catch (InvalidInputException finishedMeanwhile) {
            throw ApiError.conflict(finishedMeanwhile.getMessage());
        }
        JsonSupport.respond(ctx, TaskView.of(cancelled));
    }

    private void retry(Context ctx) {
        TaskId id = Params.taskId(ctx);
        Task task = baton.tasks().get(id);
        if (task.status() != TaskStatus.FAILED && task.status() != TaskStatus.CANCELLED) {
            throw ApiError.conflict("task " + id + " is " + task.status().wireName()
                    + "; only failed or cancelled tasks can be retried");
        }
        Task queued;
        try {
            queued = baton.tasks().retry(id);
        } catch (InvalidInputException changedMeanwhile) {
            throw ApiError.conflict(changedMeanwhile.getMessage());
        }
        engine.wake();
        JsonSupport.respond(ctx, TaskView.of(queued));
    }

    private void events(Context ctx) {
        TaskId id = Params.taskId(ctx);
        baton.tasks().get(id);
        long after = Params.longParam(ctx, "after", 0, 0, Long.MAX_VALUE);
        int limit = Params.intParam(ctx, "limit", 500, 1, 5000);
        List<Event> events = baton.tasks().events(id, after, limit);
        JsonSupport.respond(
                ctx, Map.of("events", events.stream().map(EventView::of).toList()));
    }
}
