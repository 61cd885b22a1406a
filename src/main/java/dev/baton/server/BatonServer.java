package dev.baton.server;

import dev.baton.Baton;
import dev.baton.core.InvalidInputException;
import dev.baton.server.api.FollowUpRoutes;
import dev.baton.server.api.InfoRoutes;
import dev.baton.server.api.MergeRoutes;
import dev.baton.server.api.RequirementRoutes;
import dev.baton.server.api.RunRoutes;
import dev.baton.server.api.ScheduleRoutes;
import dev.baton.server.api.TaskRoutes;
import dev.baton.server.api.UsageRoutes;
import dev.baton.server.api.WorkflowRoutes;
import dev.baton.server.auth.AccessControl;
import dev.baton.server.auth.ApiTokens;
import dev.baton.server.auth.RateLimiter;
import dev.baton.server.dashboard.DashboardRoutes;
import dev.baton.server.events.EventFilter;
import dev.baton.server.events.EventHub;
import dev.baton.server.events.SseEndpoint;
import dev.baton.server.events.WebSocketEndpoint;
import dev.baton.server.stats.ServerMetrics;
import dev.baton.server.stats.Stats;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.staticfiles.Location;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code baton serve}: the REST API, live events (SSE and WebSocket), the dashboard and
 * {@code /metrics} over one Baton home, in the process that runs the engine. Start it with {@link
 * #start}; {@link #close} stops it. Thread-safe.
 */
public final class BatonServer implements AutoCloseable {
    public static final int MAX_BODY_BYTES = 2 * 1024 * 1024;
    private static final Logger log = LoggerFactory.getLogger(BatonServer.class);
    private static final String STARTED = "baton.started";

    private final Javalin app;
    private final EventHub hub;
    private final ScheduledExecutorService chores;
    private final String host;
    private final RouteTable routeTable;

    private BatonServer(
            Javalin app, EventHub hub, ScheduledExecutorService chores, String host, RouteTable routeTable) {
        this.app = app;
        this.hub = hub;
        this.chores = chores;
        this.host = host;
        this.routeTable = routeTable;
    }

    /**
     * Starts serving. Refuses (with {@link InvalidInputException}) to listen off loopback, or with
     * {@code requireTokens}, while the home has no API token.
     */
    public static BatonServer start(Baton baton, EngineControl engine, ServerConfig config) {
        Clock clock = Clock.systemUTC();
        ApiTokens tokens = new ApiTokens(baton.tokens(), clock);
        boolean loopback = config.loopback();
        if ((!loopback || config.requireTokens()) && !tokens.anyActive()) {
            throw new InvalidInputException((loopback
                            ? "tokens are required"
                            : "refusing to listen on " + config.host()
                                    + " without API tokens: anyone who reaches it could run commands")
                    + ". Create a token first with 'baton token create --scope admin' (it is printed once),"
                    + " or listen on 127.0.0.1");
        }
        EventHub hub = new EventHub(baton.tasks(), config.eventPoll(), Duration.ofSeconds(15), config.eventWindow());
        hub.start(baton.overview().latestEventId(), baton::subscribe);
        Stats stats = new Stats(baton.tasks(), baton.overview(), clock);
        AgentDirectory agents = new AgentDirectory(baton, stats);
        SseEndpoint sse = new SseEndpoint(hub);
        WebSocketEndpoint ws = new WebSocketEndpoint(hub);
        ServerMetrics metrics = new ServerMetrics(stats, hub, sse::clients, ws::clients);
        AccessControl access = new AccessControl(
                tokens,
                new RateLimiter(config.requestsPerMinute(), System::nanoTime),
                loopback,
                config.requireTokens(),
                config.corsOrigins());
        RouteTable routeTable = new RouteTable();

        Javalin app = Javalin.create(cfg -> {
            configure(cfg, config);
            routeTable.listen(cfg);
            var routes = cfg.routes;
            routes.before(ctx -> {
                ctx.attribute(STARTED, System.nanoTime());
                ctx.header("X-Content-Type-Options", "nosniff");
                ctx.header("X-Frame-Options", "DENY");
                ctx.header("Referrer-Policy", "no-referrer");
                access.check(ctx);
            });
            routes.after(ctx -> record(metrics, ctx));
            routes.wsBeforeUpgrade("/ws", ctx -> {
                access.check(ctx);
                EventFilter.parse(ctx.queryParam("task"), ctx.queryParam("types"));
                dev.baton.server.api.Validation.eventId(ctx.queryParam("after"));
            });
            routes.get("/api/events", sse::handle);
            routes.ws("/ws", ws::configure);
            routes.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8")
                    .result(metrics.scrape()));
            new TaskRoutes(baton, engine).register(routes);
            new RunRoutes(baton).register(routes);
            new dev.baton.server.api.DecisionRoutes(baton).register(routes);
            new InfoRoutes(agents, stats).register(routes);
            new RequirementRoutes(baton).register(routes);
            new DashboardRoutes(baton, agents, stats, engine).register(routes);
            new WorkflowRoutes(baton, engine).register(routes);
            new ScheduleRoutes(baton).register(routes);
            new FollowUpRoutes(baton, engine).register(routes);
            new MergeRoutes(baton).register(routes);
            new UsageRoutes(baton, clock).register(routes);
            ErrorMapping.install(routes);
        });
        app.start(config.host(), config.port());

        ScheduledExecutorService chores = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("baton-server-chores").daemon(true).factory());
        chores.scheduleAtFixedRate(() -> quietly(stats::sample), 0, 5, TimeUnit.SECONDS);
        chores.scheduleWithFixedDelay(() -> quietly(agents::refreshHealth), 0, 5, TimeUnit.MINUTES);
        return new BatonServer(app, hub, chores, config.host(), routeTable);
    }

    private static void configure(JavalinConfig cfg, ServerConfig config) {
        cfg.startup.showJavalinBanner = false;
        cfg.startup.showOldJavalinVersionWarning = false;
        cfg.concurrency.useVirtualThreads = true;
        cfg.http.maxRequestSize = MAX_BODY_BYTES;
        cfg.staticFiles.enableWebjars();
        cfg.staticFiles.add(files -> {
            files.hostedPath = "/assets";
            files.directory = "/dev/baton/server/assets";
            files.location = Location.CLASSPATH;
        });
        cfg.jetty.modifyWebSocketServletFactory(factory -> factory.setIdleTimeout(Duration.ofMinutes(5)));
        if (!config.corsOrigins().isEmpty()) {
            cfg.bundledPlugins.enableCors(cors -> cors.addRule(rule -> {
                String first = config.corsOrigins().getFirst();
                rule.allowHost(
                        first,
                        config.corsOrigins()
                                .subList(1, config.corsOrigins().size())
                                .toArray(String[]::new));
                rule.exposeHeader("Location");
            }));
        }
    }

    private static void record(ServerMetrics metrics, Context ctx) {
        Long started = ctx.attribute(STARTED);
        if (started == null) return;
        String route = ctx.endpoint() == null ? "unmatched" : ctx.endpoint().path;
        metrics.recordRequest(ctx.method().name(), route, ctx.statusCode(), System.nanoTime() - started);
    }

    private static void quietly(Runnable chore) {
        try {
            chore.run();
        } catch (RuntimeException e) {
            log.warn("server chore failed", e);
        }
    }

    /** The endpoints this server answers (the OpenAPI document must list exactly these). */
    List<RouteTable.Route> routes() {
        return routeTable.routes();
    }

    public int port() {
        return app.port();
    }

    /** The address to open in a browser. */
    public String url() {
        String shown = host.contains(":") ? "[" + host + "]" : host;
        if (shown.equals("0.0.0.0") || shown.equals("[::]")) shown = "localhost";
        return "http://" + shown + ":" + port();
    }

    @Override
    public void close() {
        hub.close();
        chores.shutdownNow();
        app.stop();
    }
}
