package dev.baton.server.api;

import dev.baton.Baton;
import dev.baton.server.ApiError;
import dev.baton.server.EngineControl;
import dev.baton.server.JsonSupport;
import dev.baton.workflow.Workflow;
import dev.baton.workflow.WorkflowParser;
import dev.baton.workflow.WorkflowRunView;
import dev.baton.workflow.WorkflowService;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * {@code /api/workflows}: start a workflow run from a workflow YAML document (what {@code baton run
 * -f} reads, with the same parser and errors), list runs newest first, and one run's progress. The
 * run views have the fields of {@code baton workflows --json}.
 */
public final class WorkflowRoutes {
    private static final Set<String> FIELDS = Set.of("yaml", "repo", "file_name");
    private static final Set<String> YAML_TYPES =
            Set.of("application/yaml", "application/x-yaml", "text/yaml", "text/x-yaml", "text/plain");
    private static final String DEFAULT_NAME = "workflow.yaml";

    private final Baton baton;
    private final EngineControl engine;

    public WorkflowRoutes(Baton baton, EngineControl engine) {
        this.baton = baton;
        this.engine = engine;
    }

    public void register(RoutesConfig routes) {
        routes.post("/api/workflows", this::create);
        routes.get("/api/workflows", this::list);
        routes.get("/api/workflows/{id}", this::get);
    }

    /** A document as sent: YAML text with options in the query, or JSON with them as fields. */
    private record Submission(String yaml, String repo, String fileName) {}

    private void create(Context ctx) {
        Submission submission = submission(ctx);
        if (submission.yaml() == null || submission.yaml().isBlank()) {
            throw ApiError.badRequest("the workflow is empty: send a workflow YAML document (see examples/ in the"
                    + " Baton repository) as the body, or as {\"yaml\": \"...\"}");
        }
        String fileName = submission.fileName() == null ? DEFAULT_NAME : submission.fileName();
        if (!fileName.matches("[A-Za-z0-9._-]{1,100}")) {
            throw ApiError.badRequest("file_name must be 1-100 letters, digits, '.', '_' or '-'");
        }
        Path repo = Folders.absolute("repo", submission.repo());
        Workflow workflow = WorkflowParser.parse(fileName, submission.yaml());
        WorkflowService.Submitted submitted = baton.workflows().submit(workflow, repo == null ? null : repo.toString());
        engine.wake();
        Map<String, Object> out = new LinkedHashMap<>(view(baton.workflows().get(submitted.runId())));
        out.put("warnings", submitted.warnings());
        ctx.header("Location", "/api/workflows/" + submitted.runId());
        JsonSupport.respond(ctx, 201, out);
    }

    private static Submission submission(Context ctx) {
        String type = ctx.contentType() == null
                ? ""
                : ctx.contentType().split(";")[0].strip().toLowerCase();
        if (type.equals("application/json")) {
            JsonBody body = JsonBody.read(ctx, FIELDS);
            return new Submission(
                    body.string("yaml", JsonBody.maxBody()), body.string("repo", 4096), body.string("file_name", 100));
        }
        if (YAML_TYPES.contains(type)) {
            return new Submission(
                    new String(Bodies.bytes(ctx), StandardCharsets.UTF_8),
                    ctx.queryParam("repo"),
                    ctx.queryParam("file_name"));
        }
        throw new ApiError(
                415,
                "send the workflow as YAML with 'Content-Type: application/yaml', or as JSON {\"yaml\": \"...\"} with"
                        + " 'Content-Type: application/json'");
    }

    private void list(Context ctx) {
        JsonSupport.respond(
                ctx,
                Map.of(
                        "workflows",
                        baton.workflows().list().stream()
                                .map(WorkflowRoutes::view)
                                .toList()));
    }

    private void get(Context ctx) {
        String id = ctx.pathParam("id");
        if (!id.matches("w-[0-9a-f]{1,32}")) {
            throw ApiError.badRequest("'" + id + "' is not a workflow run id; they look like w-1a2b3c"
                    + " (GET /api/workflows lists them)");
        }
        JsonSupport.respond(ctx, view(baton.workflows().get(id)));
    }

    /** The fields of {@code baton workflows --json}. */
    static Map<String, Object> view(WorkflowRunView run) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", run.id());
        out.put("name", run.name());
        out.put("status", run.status());
        out.put("created_at", run.createdAt().toString());
        out.put("stages", run.stages().stream().map(WorkflowRoutes::stage).toList());
        out.put(
                "tasks",
                run.tasks().stream()
                        .map(t -> {
                            Map<String, Object> task = new LinkedHashMap<>();
                            task.put("id", t.id().value());
                            task.put("status", t.status().wireName());
                            task.put("agent", t.agent());
                            task.put("requires_approval", t.spec().requiresApproval());
                            return task;
                        })
                        .toList());
        return out;
    }

    private static Map<String, Object> stage(WorkflowRunView.StageProgress s) {
        Map<String, Object> stage = new LinkedHashMap<>();
        stage.put("name", s.name());
        stage.put("total", s.total());
        stage.put("completed", s.completed());
        stage.put("failed", s.failed());
        stage.put("active", s.active());
        return stage;
    }
}
