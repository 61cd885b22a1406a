package dev.baton.testing.model;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * A model server on 127.0.0.1 that answers the real agent CLIs from a {@link Script}, speaking each
 * API's wire protocol through its {@link ProtocolHandler}s. For tests only.
 */
public final class ScriptedModelServer implements AutoCloseable {
    private final HttpServer server;
    private final List<ProtocolHandler> handlers = new CopyOnWriteArrayList<>();
    private final List<String> unhandled = new CopyOnWriteArrayList<>();
    private volatile Script script = Script.of();

    private ScriptedModelServer(HttpServer server) {
        this.server = server;
    }

    public static ScriptedModelServer start(ProtocolHandler... protocols) throws IOException {
        HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        ScriptedModelServer model = new ScriptedModelServer(http);
        model.handlers.addAll(List.of(protocols));
        http.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        http.createContext("/", model::dispatch);
        http.start();
        return model;
    }

    public ScriptedModelServer script(Script value) {
        this.script = value;
        return this;
    }

    public Script script() {
        return script;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Requests no handler accepted ("METHOD path"), to diagnose a CLI that calls something unexpected. */
    public List<String> unhandled() {
        return List.copyOf(unhandled);
    }

    private void dispatch(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getPath();
            for (ProtocolHandler handler : handlers) {
                if (handler.accepts(method, path)) {
                    handler.handle(exchange, script);
                    return;
                }
            }
            if (method.equals("HEAD") || method.equals("GET")) {
                exchange.sendResponseHeaders(200, -1); // connectivity checks
                return;
            }
            unhandled.add(method + " " + exchange.getRequestURI());
            byte[] body = "{\"error\":{\"message\":\"not scripted\"}}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("content-type", "application/json");
            exchange.sendResponseHeaders(404, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
