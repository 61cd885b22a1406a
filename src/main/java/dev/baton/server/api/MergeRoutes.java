package dev.baton.server.api;

import dev.baton.Baton;
import dev.baton.core.WorkspaceException;
import dev.baton.integrate.MergeQueue;
import dev.baton.server.ApiError;
import dev.baton.server.JsonSupport;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code POST /api/merges}: one pass of the merge queue of a repository, what {@code baton merge
 * --project DIR} does — completed branches merged into their base one at a time, each verified on
 * the merged result first. Answers when the pass is over, with a step per branch; a conflict is a
 * step (and a decision to answer), not an error.
 */
public final class MergeRoutes {
    private static final Set<String> FIELDS = Set.of("project");

    private final Baton baton;

    public MergeRoutes(Baton baton) {
        this.baton = baton;
    }

    public void register(RoutesConfig routes) {
        routes.post("/api/merges", this::merge);
    }

    private void merge(Context ctx) {
        Path project = Folders.absolute("project", JsonBody.read(ctx, FIELDS).string("project", 4096));
        if (project == null) {
            throw ApiError.badRequest("project is required: the absolute path of the git repository to merge in,"
                    + " {\"project\": \"/path/to/repo\"}");
        }
        if (!Files.isDirectory(project)) {
            throw ApiError.unprocessable(
                    "project " + project + " is not a folder on the server; give the path of a" + " git repository");
        }
        List<MergeQueue.Step> steps;
        try {
            steps = baton.merge(project);
        } catch (WorkspaceException e) {
            if (e.isTransient()) throw e;
            throw ApiError.unprocessable("project: " + e.getMessage());
        }
        JsonSupport.respond(
                ctx, Map.of("steps", steps.stream().map(MergeRoutes::step).toList()));
    }

    private static Map<String, Object> step(MergeQueue.Step s) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("task", s.task());
        out.put("branch", s.branch());
        out.put("outcome", s.outcome());
        out.put("detail", s.detail());
        return out;
    }
}
