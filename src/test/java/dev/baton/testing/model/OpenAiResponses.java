package dev.baton.testing.model;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * OpenAI's Responses API as Codex uses it: {@code POST /v1/responses}, always streamed. A turn is
 * sent as {@code response.created}; per output item {@code response.output_item.added}, text as
 * {@code response.output_text.delta}, {@code response.output_item.done} (a tool call is a
 * {@code function_call} item with {@code call_id}, {@code name} and an {@code arguments} JSON string);
 * then {@code response.completed} with usage. Errors are OpenAI error JSON with the status and
 * {@code retry-after}. Codex shows no reset time for a plain 429, only for the Codex backend's
 * {@code usage_limit_reached} error, so a 429 that has a retry-after is sent that way (with
 * {@code resets_at}). Thread-safe.
 */
public final class OpenAiResponses implements ProtocolHandler {
    private final AtomicInteger ids = new AtomicInteger();

    @Override
    public boolean accepts(String method, String path) {
        return method.equals("POST") && path.endsWith("/responses");
    }

    @Override
    public void handle(HttpExchange exchange, Script script) throws IOException {
        Sse.body(exchange, script);
        Turn turn = script.next();
        if (turn.hang()) {
            // Start the stream like a real server, then go quiet: the CLI waits with no error to print.
            try (Sse sse = Sse.open(exchange)) {
                sse.event("response.created", created("resp_" + ids.incrementAndGet()));
                Sse.pause(turn);
            }
            return;
        }
        Sse.pause(turn);
        if (turn.isError()) {
            error(exchange, turn);
            return;
        }
        int n = ids.incrementAndGet();
        String responseId = "resp_" + n;
        try (Sse sse = Sse.open(exchange)) {
            sse.event("response.created", created(responseId));
            List<Object> output = new ArrayList<>();
            int index = 0;
            if (turn.text() != null) {
                String itemId = "msg_" + n;
                sse.event(
                        "response.output_item.added",
                        Map.of(
                                "type",
                                "response.output_item.added",
                                "output_index",
                                index,
                                "item",
                                message(itemId, "in_progress", List.of())));
                sse.event(
                        "response.output_text.delta",
                        Map.of(
                                "type",
                                "response.output_text.delta",
                                "item_id",
                                itemId,
                                "output_index",
                                index,
                                "content_index",
                                0,
                                "delta",
                                turn.text()));
                Map<String, Object> done = message(
                        itemId,
                        "completed",
                        List.of(Map.of("type", "output_text", "text", turn.text(), "annotations", List.of())));
                sse.event(
                        "response.output_item.done",
                        Map.of("type", "response.output_item.done", "output_index", index, "item", done));
                output.add(done);
                index++;
            }
            for (Turn.ToolCall call : turn.toolCalls()) {
                String callId = "call_" + n + "_" + index;
                Map<String, Object> item = new LinkedHashMap<>();
                item.put("type", "function_call");
                item.put("id", "fc_" + n + "_" + index);
                item.put("call_id", callId);
                item.put("name", call.name());
                item.put("arguments", "");
                item.put("status", "in_progress");
                sse.event(
                        "response.output_item.added",
                        Map.of("type", "response.output_item.added", "output_index", index, "item", item));
                Map<String, Object> done = new LinkedHashMap<>(item);
                done.put("arguments", Sse.JSON.writeValueAsString(call.arguments()));
                done.put("status", "completed");
                sse.event(
                        "response.output_item.done",
                        Map.of("type", "response.output_item.done", "output_index", index, "item", done));
                output.add(done);
                index++;
            }
            Map<String, Object> response = new LinkedHashMap<>(response(responseId, "completed"));
            response.put("output", output);
            response.put(
                    "usage",
                    Map.of(
                            "input_tokens", turn.inputTokens(),
                            "input_tokens_details", Map.of("cached_tokens", 0),
                            "output_tokens", turn.outputTokens(),
                            "output_tokens_details", Map.of("reasoning_tokens", 0),
                            "total_tokens", turn.inputTokens() + turn.outputTokens()));
            sse.event("response.completed", Map.of("type", "response.completed", "response", response));
        }
    }

    private static void error(HttpExchange exchange, Turn turn) throws IOException {
        String message = turn.errorMessage() == null ? "scripted error " + turn.status() : turn.errorMessage();
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("message", message);
        if (turn.status() == 429 && turn.retryAfterSeconds() != null) {
            error.put("type", "usage_limit_reached");
            error.put(
                    "resets_at",
                    Instant.now().plusSeconds(turn.retryAfterSeconds()).getEpochSecond());
            error.put("resets_in_seconds", turn.retryAfterSeconds());
        } else {
            error.put("type", turn.status() == 429 ? "rate_limit_exceeded" : errorType(turn.status()));
        }
        error.put("code", turn.status() == 429 ? "rate_limit_exceeded" : null);
        if (turn.retryAfterSeconds() != null) {
            exchange.getResponseHeaders().add("retry-after", String.valueOf(turn.retryAfterSeconds()));
        }
        Sse.json(exchange, turn.status(), Map.of("error", error));
    }

    private static String errorType(int status) {
        return switch (status) {
            case 401 -> "authentication_error";
            case 400, 404, 422 -> "invalid_request_error";
            default -> "server_error";
        };
    }

    private static Map<String, Object> created(String responseId) {
        return Map.of("type", "response.created", "response", response(responseId, "in_progress"));
    }

    private static Map<String, Object> response(String id, String status) {
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("id", id);
        response.put("object", "response");
        response.put("created_at", Instant.now().getEpochSecond());
        response.put("status", status);
        response.put("output", List.of());
        return response;
    }

    private static Map<String, Object> message(String id, String status, List<?> content) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("type", "message");
        item.put("id", id);
        item.put("role", "assistant");
        item.put("status", status);
        item.put("content", content);
        return item;
    }
}
