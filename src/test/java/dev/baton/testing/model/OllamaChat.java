package dev.baton.testing.model;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/** Ollama's {@code POST /api/chat}, answered without streaming (as LangChain4j's chat model asks). */
public final class OllamaChat implements ProtocolHandler {
    @Override
    public boolean accepts(String method, String path) {
        return method.equals("POST") && path.equals("/api/chat");
    }

    @Override
    public void handle(HttpExchange exchange, Script script) throws IOException {
        Sse.body(exchange, script);
        Turn turn = script.next();
        Sse.pause(turn);
        if (turn.isError()) {
            if (turn.retryAfterSeconds() != null) {
                exchange.getResponseHeaders()
                        .add("retry-after", turn.retryAfterSeconds().toString());
            }
            Sse.json(exchange, turn.status(), Map.of("error", turn.errorMessage()));
            return;
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("model", "scripted");
        body.put("created_at", "2026-11-22T00:00:00Z");
        body.put("message", Map.of("role", "assistant", "content", turn.text() == null ? "" : turn.text()));
        body.put("done", true);
        body.put("done_reason", "stop");
        body.put("prompt_eval_count", turn.inputTokens());
        body.put("eval_count", turn.outputTokens());
        Sse.json(exchange, 200, body);
    }
}
