package dev.baton.server.api;

import dev.baton.Baton;
import dev.baton.schedule.Schedules;
import dev.baton.server.ApiError;
import dev.baton.server.JsonSupport;
import dev.baton.store.Schedule;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * {@code /api/schedules}: recurring tasks on a cron schedule, fired by a running engine — list,
 * add (the checks of {@code baton schedule add}) and remove. The views have the fields of {@code
 * baton schedule ls --json}.
 */
public final class ScheduleRoutes {
    private static final Set<String> FIELDS = Set.of("cron", "text", "agent", "repo", "window");

    private final Baton baton;

    public ScheduleRoutes(Baton baton) {
        this.baton = baton;
    }

    public void register(RoutesConfig routes) {
        routes.get("/api/schedules", this::list);
        routes.post("/api/schedules", this::create);
        routes.delete("/api/schedules/{id}", this::remove);
    }

    private void list(Context ctx) {
        Schedules schedules = baton.schedules();
        JsonSupport.respond(
                ctx,
                Map.of(
                        "schedules",
                        schedules.list().stream().map(s -> view(schedules, s)).toList()));
    }

    private void create(Context ctx) {
        JsonBody body = JsonBody.read(ctx, FIELDS);
        String cron = body.string("cron", 200);
        if (cron == null || cron.isBlank()) {
            throw ApiError.badRequest(
                    "cron is required: minute hour day-of-month month day-of-week, e.g. \"0 2 * * *\", or @daily");
        }
        String text = body.string("text", 1_000_000);
        if (text == null || text.isBlank()) {
            throw ApiError.badRequest("text is required: say what the scheduled task should do");
        }
        Path repo = Folders.absolute("repo", body.string("repo", 4096));
        String agent = body.string("agent", 64);
        String window = body.string("window", 20);
        Schedules schedules = baton.schedules();
        Schedule added = schedules.add(
                cron,
                text,
                agent == null || agent.isBlank() ? null : agent.strip(),
                repo,
                window == null || window.isBlank() ? null : window.strip());
        ctx.header("Location", "/api/schedules/" + added.id());
        JsonSupport.respond(ctx, 201, view(schedules, added));
    }

    private void remove(Context ctx) {
        String id = ctx.pathParam("id");
        if (!id.matches("s-[0-9a-f]{1,32}")) {
            throw ApiError.badRequest(
                    "'" + id + "' is not a schedule id; they look like s-1a2b3c (GET /api/schedules lists them)");
        }
        baton.schedules().remove(id);
        ctx.status(204);
    }

    /** The fields of {@code baton schedule ls --json}. */
    private static Map<String, Object> view(Schedules schedules, Schedule s) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", s.id());
        out.put("cron", s.cron());
        out.put("text", s.prompt());
        out.put("agent", s.agent());
        out.put("repo", s.repo());
        out.put("window", s.window());
        out.put(
                "last_fired_at",
                s.lastFiredAt() == null ? null : s.lastFiredAt().toString());
        out.put("last_task", s.lastTaskId());
        out.put("next_at", schedules.nextTime(s).toOffsetDateTime().toString());
        return out;
    }
}
