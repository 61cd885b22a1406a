package dev.baton.server;

import io.javalin.config.JavalinConfig;
import io.javalin.http.HandlerType;
import io.javalin.websocket.WsHandlerType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Every endpoint the server registers, as Javalin reports it while routes are added: what the
 * OpenAPI document is checked against, so the document cannot list a route that is gone or miss
 * one that was added. Filled during {@link BatonServer#start}; read-only afterwards.
 */
final class RouteTable {
    /** One endpoint: an HTTP method in upper case and a path with {@code {name}} parameters. */
    record Route(String method, String path) {}

    private final List<Route> routes = new ArrayList<>();

    /** Listens to the routes {@code cfg} gets from now on. */
    void listen(JavalinConfig cfg) {
        cfg.events.handlerAdded(added -> {
            // before/after filters and the WebSocket upgrade check are not endpoints of their own
            if (added.getHttpMethod().isHttpMethod()) add(added.getHttpMethod(), added.getPath());
        });
        // a WebSocket is opened by a GET that asks to upgrade
        cfg.events.wsHandlerAdded(added -> {
            if (added.getHandlerType() == WsHandlerType.WEBSOCKET) add(HandlerType.GET, added.getPath());
        });
    }

    private synchronized void add(HandlerType method, String path) {
        routes.add(new Route(method.name(), path));
    }

    synchronized List<Route> routes() {
        return routes.stream()
                .distinct()
                .sorted(Comparator.comparing(Route::path).thenComparing(Route::method))
                .toList();
    }
}
