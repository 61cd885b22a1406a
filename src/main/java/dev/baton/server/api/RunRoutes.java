package dev.baton.server.api;

import dev.baton.Baton;
import dev.baton.core.NotFoundException;
import dev.baton.core.Run;
import dev.baton.core.RunId;
import dev.baton.server.ApiError;
import dev.baton.server.JsonSupport;
import dev.baton.session.RunFiles;
import dev.baton.view.RunView;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
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
     * cut at a character boundary; {@code next_offset} is where to ask next.
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
        long size = stream.equals("stdout") ? files.stdoutSize() : files.stderrSize();
        if (offset > size) {
            throw ApiError.badRequest("offset " + offset + " is past the end of the log (" + size + " bytes)");
        }
        byte[] bytes = read(file, offset, (int) Math.min(limit, size - offset));
        int usable = completeCharacters(bytes, offset + bytes.length < size);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("run_id", run.id().value());
        out.put("stream", stream);
        out.put("offset", offset);
        out.put("next_offset", offset + usable);
        out.put("size", size);
        out.put("finished", run.status().isTerminal());
        // Secrets are masked; offsets still count the file's own bytes.
        out.put("text", baton.redactor().redact(new String(bytes, 0, usable, StandardCharsets.UTF_8)));
        JsonSupport.respond(ctx, out);
    }

    private static byte[] read(Path file, long offset, int length) {
        if (length <= 0) return new byte[0];
        try (FileChannel channel = FileChannel.open(file)) {
            ByteBuffer buffer = ByteBuffer.allocate(length);
            while (buffer.hasRemaining() && channel.read(buffer, offset + buffer.position()) > 0) {
                // keep reading until the chunk is full or the file ends
            }
            byte[] out = new byte[buffer.position()];
            buffer.flip().get(out);
            return out;
        } catch (NoSuchFileException e) {
            return new byte[0];
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** How many leading bytes form whole UTF-8 characters (a character cut by the chunk waits for the next read). */
    static int completeCharacters(byte[] bytes, boolean more) {
        int n = bytes.length;
        if (!more || n == 0) return n;
        int i = n - 1;
        int continuation = 0;
        while (i >= 0 && (bytes[i] & 0xC0) == 0x80 && continuation < 3) {
            i--;
            continuation++;
        }
        if (i < 0) return n;
        int lead = bytes[i] & 0xFF;
        int expected = lead < 0x80 ? 1 : lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
        return continuation + 1 >= expected ? n : i;
    }
}
