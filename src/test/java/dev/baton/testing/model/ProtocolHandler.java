package dev.baton.testing.model;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;

/** Speaks one model API's wire protocol, answering from the server's script. */
public interface ProtocolHandler {
    /** True when this handler serves the request's method and path. */
    boolean accepts(String method, String path);

    void handle(HttpExchange exchange, Script script) throws IOException;
}
