package dev.baton.server.dashboard;

import static dev.baton.server.dashboard.Html.esc;

import dev.baton.Baton;
import dev.baton.core.BatonException;
import dev.baton.core.Decision;
import dev.baton.core.DecisionId;
import dev.baton.core.DecisionStatus;
import dev.baton.core.Event;
import dev.baton.core.Run;
import dev.baton.core.Task;
import dev.baton.core.TaskId;
import dev.baton.server.AgentDirectory;
import dev.baton.server.ApiError;
import dev.baton.server.EngineControl;
import dev.baton.server.api.DecisionRoutes;
import dev.baton.server.stats.Stats;
import dev.baton.store.TaskQuery;
import dev.baton.tasks.AddResult;
import dev.baton.tasks.Source;
import dev.baton.tasks.TaskRequest;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/** The dashboard's pages and the htmx fragments they refresh on live events. */
public final class DashboardRoutes {
    private static final int BOARD_TASKS = 400;

    private final Baton baton;
    private final AgentDirectory agents;
    private final Stats stats;
    private final EngineControl engine;

    public DashboardRoutes(Baton baton, AgentDirectory agents, Stats stats, EngineControl engine) {
        this.baton = baton;
        this.agents = agents;
        this.stats = stats;
        this.engine = engine;
    }

    public void register(RoutesConfig routes) {
        routes.get("/", ctx -> html(ctx, BoardView.page(tasks(), agents.names(), stats.status(), Instant.now())));
        routes.get("/ui/board", ctx -> html(ctx, BoardView.board(tasks(), Instant.now())));
        routes.get("/ui/summary", ctx -> html(ctx, BoardView.summary(stats.status())));
        routes.post("/ui/tasks", this::submit);
        routes.get("/tasks/{id}", ctx -> {
            Task task = baton.tasks().get(taskId(ctx));
            html(ctx, TaskView.page(task, runs(task), events(task), Instant.now()));
        });
        routes.get("/ui/tasks/{id}/summary", ctx -> {
            Task task = baton.tasks().get(taskId(ctx));
            html(ctx, TaskView.summary(task, runs(task), events(task), Instant.now()));
        });
        routes.get("/agents", ctx -> html(ctx, AgentsView.page(agents.list())));
        routes.get("/decisions", ctx -> html(ctx, DecisionsView.page(pending(), answered(), Instant.now())));
        routes.get("/ui/decisions", ctx -> html(ctx, DecisionsView.list(pending(), answered(), Instant.now())));
        routes.post("/ui/decisions/{id}/answer", this::answer);
        routes.get("/charts", ctx -> html(ctx, ChartsView.page()));
    }

    private List<Task> tasks() {
        return baton.tasks().list(new TaskQuery(Set.of(), BOARD_TASKS));
    }

    private List<Decision> pending() {
        return baton.decisions().pending();
    }

    private List<Decision> answered() {
        List<Decision> all = baton.decisions()
                .list(Set.of(DecisionStatus.APPROVED, DecisionStatus.REJECTED, DecisionStatus.EXPIRED), 10_000);
        return all.subList(Math.max(0, all.size() - 20), all.size()).reversed();
    }

    /** The inbox's buttons: the card becomes the answer, or says what to fix. */
    private void answer(Context ctx) {
        String answer = ctx.formParam("answer");
        String why = ctx.formParam("why");
        try {
            DecisionId id = DecisionId.of(ctx.pathParam("id"));
            Decision decision;
            String by = DecisionRoutes.who(ctx).replace("api:", "dashboard:");
            if ("approve".equals(answer)) {
                decision = baton.decisions().approve(id, by, why);
            } else if ("reject".equals(answer)) {
                decision = baton.decisions().reject(id, by, why);
            } else {
                throw ApiError.badRequest("answer must be approve or reject");
            }
            ctx.header("HX-Trigger", "baton:tasks");
            html(ctx, DecisionsView.answered(decision));
        } catch (ApiError | BatonException e) {
            // Keep the card (and what was typed) so the person can fix it; say what was wrong above it.
            html(
                    ctx,
                    "<p class=\"error\">" + esc(e.getMessage()) + "</p>"
                            + baton.decisions().pending().stream()
                                    .filter(d -> d.id().value().equals(ctx.pathParam("id")))
                                    .map(d -> DecisionsView.list(List.of(d), List.of(), Instant.now()))
                                    .findFirst()
                                    .orElse(""));
        }
    }

    private List<Run> runs(Task task) {
        return baton.tasks().runs(task.id());
    }

    private List<Event> events(Task task) {
        return baton.tasks().events(task.id(), 0, 5000);
    }

    private static TaskId taskId(Context ctx) {
        try {
            return TaskId.of(ctx.pathParam("id"));
        } catch (BatonException e) {
            throw ApiError.badRequest(e.getMessage());
        }
    }

    /** The form: answers with a fragment (success or what to fix) and asks the board to refresh. */
    private void submit(Context ctx) {
        String text = ctx.formParam("text");
        if (text != null && text.length() > 100_000) throw ApiError.tooLarge("the task text is over 100000 characters");
        TaskRequest request = TaskRequest.text(text)
                .agent(ctx.formParam("agent"))
                .priority(ctx.formParam("priority"))
                .repo(ctx.formParam("repo"))
                .build();
        try {
            AddResult added = baton.intake()
                    .submit(request, Source.dashboard(DecisionRoutes.who(ctx).replace("api:", "dashboard:")));
            engine.wake();
            ctx.header("HX-Trigger", "baton:tasks");
            String id = esc(added.task().id());
            StringBuilder out = new StringBuilder(
                    "<p class=\"ok\">Queued <a href=\"/tasks/" + id + "\" id=\"new-task\">" + id + "</a></p>");
            added.warnings()
                    .forEach(
                            w -> out.append("<p class=\"warn\">").append(esc(w)).append("</p>"));
            html(ctx, out.toString());
        } catch (ApiError | BatonException e) {
            html(ctx, "<p class=\"error\">" + esc(e.getMessage()) + "</p>");
        }
    }

    private static void html(Context ctx, String body) {
        ctx.contentType("text/html; charset=utf-8").result(body);
    }
}
