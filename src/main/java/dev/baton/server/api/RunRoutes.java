package dev.baton.server.api;

import dev.baton.Baton;
import dev.baton.core.NotFoundException;
import dev.baton.core.Run;
import dev.baton.core.RunId;
import dev.baton.secret.RedactedLog;
import dev.baton.server.ApiError;
import dev.baton.server.JsonSupport;
import dev.baton.session.RunFiles;
import dev.baton.view.RunView;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code /api/runs/{id}} and its live log: the run's output file read from a byte offset. */
public final class RunRoutes {
    static final int MAX_CHUNK = 256 * 1024;

    private final Baton baton;

    public RunRoutes(Baton baton) {
        this.baton = baton;
    }

    public void register(RoutesConfig routes) {
        routes.get("/api/runs/{id}", this::get);
        routes.get("/api/runs/{id}/log", this::log);
    }

    private Run find(Context ctx) {
        RunId id = Params.runId(ctx);
        return baton.tasks()
                .run(id)
                .orElseThrow(() -> new NotFoundException(
                        "no run with id '" + id + "'; a task's runs are listed by" + " GET /api/tasks/TASK_ID"));
    }

    private void get(Context ctx) {
        JsonSupport.respond(ctx, RunView.of(find(ctx)));
    }

    /**
     * {@code ?offset=N&limit=M&stream=stdout|stderr}: up to {@code limit} bytes from {@code offset},
     * cut at a character boundary; {@code next_offset} is where to ask next. Offsets count the file's
     * own bytes; secrets are masked across chunks ({@link RedactedLog}), so a chunk may run past the
     * limit to the end of a secret, and a live run's unfinished last line waits for its newline.
     */
    private void log(Context ctx) {
        Run run = find(ctx);
        String stream = ctx.queryParam("stream") == null ? "stdout" : ctx.queryParam("stream");
        if (!stream.equals("stdout") && !stream.equals("stderr")) {
            throw ApiError.badRequest("stream must be stdout or stderr, not '" + stream + "'");
        }
        long offset = Params.longParam(ctx, "offset", 0, 0, Long.MAX_VALUE);
        int limit = Params.intParam(ctx, "limit", MAX_CHUNK, 1, MAX_CHUNK);
        RunFiles files = new RunFiles(Path.of(run.runDir()));
        Path file = stream.equals("stdout") ? files.stdout() : files.stderr();
        RedactedLog.Chunk chunk;
        try {
            chunk = new RedactedLog(baton.redactor())
                    .read(file, offset, limit, run.status().isTerminal());
        } catch (IllegalArgumentException e) {
            throw ApiError.badRequest(e.getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("run_id", run.id().value());
        out.put("stream", stream);
        out.put("offset", offset);
        out.put("next_offset", chunk.nextOffset());
        out.put("size", chunk.size());
        out.put("finished", run.status().isTerminal());
        out.put("text", chunk.text());
        JsonSupport.respond(ctx, out);
    }
}
