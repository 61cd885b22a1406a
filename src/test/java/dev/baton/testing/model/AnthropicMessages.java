package dev.baton.testing.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The Anthropic Messages API as Claude Code calls it: {@code POST /v1/messages?beta=true}, always
 * streamed as Server-Sent Events, plus {@code HEAD} connectivity checks and token counting. A request
 * without tools is a side request (a session title, a quota probe) and is answered without using a
 * scripted turn. Errors are Anthropic error JSON with the turn's status and {@code retry-after}.
 * Thread-safe.
 */
public final class AnthropicMessages implements ProtocolHandler {
    private final AtomicInteger ids = new AtomicInteger();

    @Override
    public boolean accepts(String method, String path) {
        // Connectivity checks: HEAD / (and HEAD /api/hello when non-essential traffic is on).
        return method.equals("HEAD") || (method.equals("POST") && path.startsWith("/v1/messages"));
    }

    @Override
    public void handle(HttpExchange exchange, Script script) throws IOException {
        if (exchange.getRequestMethod().equals("HEAD")) {
            exchange.sendResponseHeaders(200, -1);
            return;
        }
        String body = Sse.body(exchange, script);
        JsonNode request = Sse.JSON.readTree(body.isBlank() ? "{}" : body);
        if (exchange.getRequestURI().getPath().endsWith("/count_tokens")) {
            Sse.json(exchange, 200, Map.of("input_tokens", Math.max(1, body.length() / 4)));
            return;
        }
        String model = request.path("model").asText("claude-scripted");
        boolean stream = request.path("stream").asBoolean(false);
        JsonNode tools = request.path("tools");
        if ((!tools.isArray() || tools.isEmpty()) && (stream || body.contains("title"))) {
            // The CLI streams everything; a streamed request without tools is a side request (title, quota check): must
            // not use up the conversation's turns. The
            // title request asks for JSON, so answer with JSON whatever was asked.
            Turn side = Turn.text(body.contains("title") ? "{\"title\": \"Scripted task\"}" : "ok");
            reply(exchange, side, model, stream);
            return;
        }
        Turn turn = script.next();
        Sse.pause(turn);
        if (turn.isError()) {
            error(exchange, turn);
            return;
        }
        reply(exchange, turn, model, stream);
    }

    private void reply(HttpExchange exchange, Turn turn, String model, boolean stream) throws IOException {
        String messageId = "msg_scripted_" + ids.incrementAndGet();
        List<Map<String, Object>> blocks = new java.util.ArrayList<>();
        if (turn.text() != null && !turn.text().isEmpty()) {
            blocks.add(Map.of("type", "text", "text", turn.text()));
        }
        for (Turn.ToolCall call : turn.toolCalls()) {
            blocks.add(Map.of(
                    "type",
                    "tool_use",
                    "id",
                    "toolu_scripted_" + ids.incrementAndGet(),
                    "name",
                    call.name(),
                    "input",
                    call.arguments()));
        }
        String stopReason = turn.toolCalls().isEmpty() ? "end_turn" : "tool_use";
        if (!stream) {
            Map<String, Object> message = message(messageId, model, blocks, stopReason, turn);
            Sse.json(exchange, 200, message);
            return;
        }
        try (Sse sse = Sse.open(exchange)) {
            Map<String, Object> start = message(messageId, model, List.of(), null, turn);
            start.put("usage", usage(turn.inputTokens(), 1));
            sse.event("message_start", Map.of("type", "message_start", "message", start));
            for (int index = 0; index < blocks.size(); index++) {
                block(sse, index, blocks.get(index));
            }
            sse.event(
                    "message_delta",
                    Map.of(
                            "type",
                            "message_delta",
                            "delta",
                            nullable("stop_reason", stopReason, "stop_sequence", null),
                            "usage",
                            Map.of("output_tokens", turn.outputTokens())));
            sse.event("message_stop", Map.of("type", "message_stop"));
        }
    }

    /** One content block, its content sent in two deltas as the real API does for longer text. */
    private static void block(Sse sse, int index, Map<String, Object> block) throws IOException {
        boolean text = block.get("type").equals("text");
        Map<String, Object> empty = new LinkedHashMap<>(block);
        if (text) empty.put("text", "");
        else empty.put("input", Map.of());
        sse.event("content_block_start", Map.of("type", "content_block_start", "index", index, "content_block", empty));
        String content = text ? (String) block.get("text") : Sse.JSON.writeValueAsString(block.get("input"));
        int half = content.length() / 2;
        for (String part : List.of(content.substring(0, half), content.substring(half))) {
            if (part.isEmpty()) continue;
            Map<String, Object> delta = text
                    ? Map.of("type", "text_delta", "text", part)
                    : Map.of("type", "input_json_delta", "partial_json", part);
            sse.event("content_block_delta", Map.of("type", "content_block_delta", "index", index, "delta", delta));
        }
        sse.event("content_block_stop", Map.of("type", "content_block_stop", "index", index));
    }

    private static Map<String, Object> message(
            String id, String model, List<Map<String, Object>> content, String stopReason, Turn turn) {
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("id", id);
        message.put("type", "message");
        message.put("role", "assistant");
        message.put("model", model);
        message.put("content", content);
        message.put("stop_reason", stopReason);
        message.put("stop_sequence", null);
        message.put("usage", usage(turn.inputTokens(), turn.outputTokens()));
        return message;
    }

    private static Map<String, Object> usage(int input, int output) {
        return Map.of(
                "input_tokens",
                input,
                "output_tokens",
                output,
                "cache_creation_input_tokens",
                0,
                "cache_read_input_tokens",
                0);
    }

    private static void error(HttpExchange exchange, Turn turn) throws IOException {
        if (turn.retryAfterSeconds() != null) {
            exchange.getResponseHeaders().add("retry-after", String.valueOf(turn.retryAfterSeconds()));
        }
        exchange.getResponseHeaders().add("request-id", "req_scripted");
        String message = turn.errorMessage() == null ? "scripted error " + turn.status() : turn.errorMessage();
        Sse.json(
                exchange,
                turn.status(),
                nullable("type", "error", "error", nullable("type", errorType(turn.status()), "message", message)));
    }

    private static String errorType(int status) {
        return switch (status) {
            case 400 -> "invalid_request_error";
            case 401 -> "authentication_error";
            case 403 -> "permission_error";
            case 404 -> "not_found_error";
            case 413 -> "request_too_large";
            case 429 -> "rate_limit_error";
            case 529 -> "overloaded_error";
            default -> "api_error";
        };
    }

    /** An ordered map that may hold nulls (Map.of may not), for JSON as the API writes it. */
    private static Map<String, Object> nullable(String k1, Object v1, String k2, Object v2) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put(k1, v1);
        map.put(k2, v2);
        return map;
    }
}
