package dev.baton.server.api;

import dev.baton.server.AgentDirectory;
import dev.baton.server.JsonSupport;
import dev.baton.server.stats.Stats;
import io.javalin.config.RoutesConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/** Read-only figures: agents, status, chart series, and the OpenAPI document. */
public final class InfoRoutes {
    private final AgentDirectory agents;
    private final Stats stats;
    private final byte[] openApi;

    public InfoRoutes(AgentDirectory agents, Stats stats) {
        this.agents = agents;
        this.stats = stats;
        try (InputStream in = InfoRoutes.class.getResourceAsStream("/dev/baton/server/openapi.json")) {
            this.openApi = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void register(RoutesConfig routes) {
        routes.get("/api/agents", ctx -> JsonSupport.respond(ctx, Map.of("agents", agents.list())));
        routes.get("/api/status", ctx -> JsonSupport.respond(ctx, stats.status()));
        routes.get("/api/metrics", ctx -> JsonSupport.respond(ctx, stats.series()));
        routes.get(
                "/api/openapi.json", ctx -> ctx.contentType("application/json").result(openApi));
    }
}
