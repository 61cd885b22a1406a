package dev.baton.testing.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The OpenAI Chat Completions API ({@code POST /v1/chat/completions}, streamed as SSE chunks or
 * answered as one JSON object, and {@code GET /v1/models}), as opencode and other OpenAI-compatible
 * clients call it. Title-generation requests (opencode names a new session with its small model) are
 * answered without consuming a turn. Thread-safe.
 */
public final class OpenAiChat implements ProtocolHandler {
    private static final String TITLE_PROMPT = "You are a title generator";
    /** Tool call ids must be unique over a whole session, which spans runs when it is resumed. */
    private final AtomicInteger callIds = new AtomicInteger();

    private final AtomicInteger completionIds = new AtomicInteger();

    @Override
    public boolean accepts(String method, String path) {
        return (method.equals("POST") && path.endsWith("/chat/completions"))
                || (method.equals("GET") && path.endsWith("/models"));
    }

    @Override
    public void handle(HttpExchange exchange, Script script) throws IOException {
        if (exchange.getRequestMethod().equals("GET")) {
            Sse.json(exchange, 200, Map.of("object", "list", "data", List.of()));
            return;
        }
        JsonNode request = Sse.JSON.readTree(Sse.body(exchange, script));
        String model = request.path("model").asText("model");
        boolean stream = request.path("stream").asBoolean(false);
        boolean includeUsage =
                request.path("stream_options").path("include_usage").asBoolean(false);
        Turn turn = isTitleRequest(request) ? Turn.text("Scripted task") : script.next();
        Sse.pause(turn);
        if (turn.isError()) {
            sendError(exchange, turn);
            return;
        }
        String id = "chatcmpl-" + completionIds.incrementAndGet();
        List<Map<String, Object>> toolCalls = new ArrayList<>();
        for (Turn.ToolCall call : turn.toolCalls()) {
            toolCalls.add(Map.of(
                    "id",
                    "call_" + callIds.incrementAndGet(),
                    "type",
                    "function",
                    "function",
                    Map.of("name", call.name(), "arguments", Sse.JSON.writeValueAsString(call.arguments()))));
        }
        if (stream) {
            streamReply(exchange, id, model, turn, toolCalls, includeUsage);
        } else {
            Map<String, Object> message = new LinkedHashMap<>();
            message.put("role", "assistant");
            message.put("content", turn.text());
            if (!toolCalls.isEmpty()) message.put("tool_calls", toolCalls);
            Sse.json(
                    exchange,
                    200,
                    Map.of(
                            "id",
                            id,
                            "object",
                            "chat.completion",
                            "created",
                            created(),
                            "model",
                            model,
                            "choices",
                            List.of(Map.of("index", 0, "message", message, "finish_reason", finishReason(toolCalls))),
                            "usage",
                            usage(turn)));
        }
    }

    private static void streamReply(
            HttpExchange exchange,
            String id,
            String model,
            Turn turn,
            List<Map<String, Object>> toolCalls,
            boolean includeUsage)
            throws IOException {
        try (Sse sse = Sse.open(exchange)) {
            sse.event(null, chunk(id, model, Map.of("role", "assistant", "content", ""), null));
            if (turn.text() != null) {
                sse.event(null, chunk(id, model, Map.of("content", turn.text()), null));
            }
            for (int index = 0; index < toolCalls.size(); index++) {
                Map<String, Object> call = toolCalls.get(index);
                @SuppressWarnings("unchecked")
                Map<String, Object> function = (Map<String, Object>) call.get("function");
                String arguments = (String) function.get("arguments");
                int half = arguments.length() / 2;
                // The first fragment names the call; the arguments follow in pieces, as real servers send them.
                sse.event(
                        null,
                        chunk(
                                id,
                                model,
                                Map.of(
                                        "tool_calls",
                                        List.of(Map.of(
                                                "index",
                                                index,
                                                "id",
                                                call.get("id"),
                                                "type",
                                                "function",
                                                "function",
                                                Map.of("name", function.get("name"), "arguments", "")))),
                                null));
                for (String piece : List.of(arguments.substring(0, half), arguments.substring(half))) {
                    sse.event(
                            null,
                            chunk(
                                    id,
                                    model,
                                    Map.of(
                                            "tool_calls",
                                            List.of(Map.of("index", index, "function", Map.of("arguments", piece)))),
                                    null));
                }
            }
            sse.event(null, chunk(id, model, Map.of(), finishReason(toolCalls)));
            if (includeUsage) {
                sse.event(
                        null,
                        Map.of(
                                "id",
                                id,
                                "object",
                                "chat.completion.chunk",
                                "created",
                                created(),
                                "model",
                                model,
                                "choices",
                                List.of(),
                                "usage",
                                usage(turn)));
            }
            sse.data("[DONE]");
        }
    }

    private static void sendError(HttpExchange exchange, Turn turn) throws IOException {
        if (turn.retryAfterSeconds() != null) {
            exchange.getResponseHeaders().add("retry-after", String.valueOf(turn.retryAfterSeconds()));
        }
        String type =
                switch (turn.status()) {
                    case 401 -> "authentication_error";
                    case 429 -> "rate_limit_error";
                    case 400 -> "invalid_request_error";
                    default -> "server_error";
                };
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("message", turn.errorMessage() == null ? "scripted error " + turn.status() : turn.errorMessage());
        error.put("type", type);
        error.put("param", null);
        error.put("code", turn.status() == 429 ? "rate_limit_exceeded" : null);
        Sse.json(exchange, turn.status(), Map.of("error", error));
    }

    private static boolean isTitleRequest(JsonNode request) {
        JsonNode messages = request.path("messages");
        return messages.size() > 0
                && messages.get(0).path("role").asText().equals("system")
                && messages.get(0).path("content").asText().contains(TITLE_PROMPT);
    }

    private static Map<String, Object> chunk(String id, String model, Map<String, Object> delta, String finish) {
        Map<String, Object> choice = new LinkedHashMap<>();
        choice.put("index", 0);
        choice.put("delta", delta);
        choice.put("finish_reason", finish);
        return Map.of(
                "id",
                id,
                "object",
                "chat.completion.chunk",
                "created",
                created(),
                "model",
                model,
                "choices",
                List.of(choice));
    }

    private static String finishReason(List<Map<String, Object>> toolCalls) {
        return toolCalls.isEmpty() ? "stop" : "tool_calls";
    }

    private static Map<String, Object> usage(Turn turn) {
        return Map.of(
                "prompt_tokens",
                turn.inputTokens(),
                "completion_tokens",
                turn.outputTokens(),
                "total_tokens",
                turn.inputTokens() + turn.outputTokens());
    }

    private static long created() {
        return System.currentTimeMillis() / 1000;
    }
}
