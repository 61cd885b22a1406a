package dev.baton.testing.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Google's Gemini API as the Gemini CLI uses it: {@code POST /v1beta/models/MODEL:generateContent}
 * and {@code :streamGenerateContent?alt=sse}. The main model's turns are streamed and come from the
 * script. Plain {@code generateContent} calls are the CLI's side requests (the model router, and
 * checks such as loop detection) that ask for JSON matching the request's response schema: they are
 * answered with a value built from that schema and consume no turn, because a plain-text answer
 * makes the CLI retry them for a long time. Errors are Google error JSON with {@code status} and,
 * for a retry-after, the {@code google.rpc.RetryInfo} detail the CLI reads (it ignores the header).
 */
public final class GeminiApi implements ProtocolHandler {
    private static final String PREFIX = "/v1beta/models/";

    private final boolean plainCallsFromScript;

    /** As the Gemini CLI uses the API: plain calls are side requests. */
    public GeminiApi() {
        this(false);
    }

    private GeminiApi(boolean plainCallsFromScript) {
        this.plainCallsFromScript = plainCallsFromScript;
    }

    /**
     * As API clients (LangChain4j) use it: every plain {@code generateContent} call is the next
     * turn of the script, answered whole instead of streamed.
     */
    public static GeminiApi forApiClients() {
        return new GeminiApi(true);
    }

    @Override
    public boolean accepts(String method, String path) {
        return method.equals("POST") && path.startsWith(PREFIX);
    }

    @Override
    public void handle(HttpExchange exchange, Script script) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String body = Sse.body(exchange, script);
        String model = path.substring(PREFIX.length(), path.lastIndexOf(':'));
        String method = path.substring(path.lastIndexOf(':') + 1);
        switch (method) {
            case "streamGenerateContent" -> turn(exchange, script.next(), model);
            case "generateContent" -> {
                if (plainCallsFromScript) plainTurn(exchange, script.next(), model);
                else sideRequest(exchange, Sse.JSON.readTree(body), model);
            }
            case "countTokens" -> Sse.json(exchange, 200, Map.of("totalTokens", body.length() / 4));
            default -> Sse.json(exchange, 404, error(404, "NOT_FOUND", "unknown method " + method, null));
        }
    }

    private static void turn(HttpExchange exchange, Turn turn, String model) throws IOException {
        Sse.pause(turn);
        if (turn.isError()) {
            if (turn.retryAfterSeconds() != null) {
                exchange.getResponseHeaders().add("retry-after", String.valueOf(turn.retryAfterSeconds()));
            }
            Sse.json(
                    exchange,
                    turn.status(),
                    error(turn.status(), statusName(turn.status()), turn.errorMessage(), turn.retryAfterSeconds()));
            return;
        }
        try (Sse sse = Sse.open(exchange)) {
            List<Map<String, Object>> parts = new ArrayList<>();
            if (turn.text() != null) {
                // Two chunks, as the real API streams text in pieces.
                int half = turn.text().length() / 2;
                sse.event(null, chunk(List.of(Map.of("text", turn.text().substring(0, half))), null, null, model));
                parts.add(Map.of("text", turn.text().substring(half)));
            }
            for (Turn.ToolCall call : turn.toolCalls()) {
                parts.add(Map.of("functionCall", Map.of("name", call.name(), "args", call.arguments())));
            }
            Map<String, Object> usage = Map.of(
                    "promptTokenCount", turn.inputTokens(),
                    "candidatesTokenCount", turn.outputTokens(),
                    "totalTokenCount", turn.inputTokens() + turn.outputTokens());
            sse.event(null, chunk(parts, "STOP", usage, model));
        }
    }

    private static void plainTurn(HttpExchange exchange, Turn turn, String model) throws IOException {
        Sse.pause(turn);
        if (turn.isError()) {
            Sse.json(
                    exchange,
                    turn.status(),
                    error(turn.status(), statusName(turn.status()), turn.errorMessage(), turn.retryAfterSeconds()));
            return;
        }
        List<Map<String, Object>> parts = new ArrayList<>();
        if (turn.text() != null) parts.add(Map.of("text", turn.text()));
        for (Turn.ToolCall call : turn.toolCalls()) {
            parts.add(Map.of("functionCall", Map.of("name", call.name(), "args", call.arguments())));
        }
        Map<String, Object> usage = Map.of(
                "promptTokenCount", turn.inputTokens(),
                "candidatesTokenCount", turn.outputTokens(),
                "totalTokenCount", turn.inputTokens() + turn.outputTokens());
        Sse.json(exchange, 200, chunk(parts, "STOP", usage, model));
    }

    private static void sideRequest(HttpExchange exchange, JsonNode request, String model) throws IOException {
        JsonNode config = request.path("generationConfig");
        JsonNode schema =
                config.has("responseJsonSchema") ? config.get("responseJsonSchema") : config.get("responseSchema");
        String text = schema == null ? "ok" : Sse.JSON.writeValueAsString(valueFor(schema));
        Map<String, Object> usage = Map.of("promptTokenCount", 10, "candidatesTokenCount", 5, "totalTokenCount", 15);
        Sse.json(exchange, 200, chunk(List.of(Map.of("text", text)), "STOP", usage, model));
    }

    /** A value that satisfies a (Gemini or JSON) schema: the first enum value, 1 for numbers, ... */
    static Object valueFor(JsonNode schema) {
        if (schema.has("enum") && schema.get("enum").size() > 0) {
            return Sse.JSON.convertValue(schema.get("enum").get(0), Object.class);
        }
        String type = schema.path("type").asText("object").toLowerCase();
        return switch (type) {
            case "object" -> {
                Map<String, Object> object = new LinkedHashMap<>();
                for (Map.Entry<String, JsonNode> property :
                        schema.path("properties").properties()) {
                    object.put(property.getKey(), valueFor(property.getValue()));
                }
                yield object;
            }
            case "array" -> schema.has("items") ? List.of(valueFor(schema.get("items"))) : List.of();
            case "integer", "number" ->
                schema.has("minimum") ? schema.get("minimum").asInt() : 1;
            case "boolean" -> false;
            default -> "scripted";
        };
    }

    private static Map<String, Object> chunk(
            List<Map<String, Object>> parts, String finishReason, Map<String, Object> usage, String model) {
        Map<String, Object> candidate = new LinkedHashMap<>();
        candidate.put("content", Map.of("role", "model", "parts", parts));
        if (finishReason != null) candidate.put("finishReason", finishReason);
        candidate.put("index", 0);
        Map<String, Object> chunk = new LinkedHashMap<>();
        chunk.put("candidates", List.of(candidate));
        if (usage != null) chunk.put("usageMetadata", usage);
        chunk.put("modelVersion", model);
        return chunk;
    }

    private static Map<String, Object> error(int code, String status, String message, Integer retryAfterSeconds) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", code);
        error.put("message", message == null ? status : message);
        error.put("status", status);
        if (retryAfterSeconds != null) {
            error.put(
                    "details",
                    List.of(Map.of(
                            "@type",
                            "type.googleapis.com/google.rpc.RetryInfo",
                            "retryDelay",
                            retryAfterSeconds + "s")));
        }
        return Map.of("error", error);
    }

    private static String statusName(int code) {
        return switch (code) {
            case 400 -> "INVALID_ARGUMENT";
            case 401 -> "UNAUTHENTICATED";
            case 403 -> "PERMISSION_DENIED";
            case 404 -> "NOT_FOUND";
            case 429 -> "RESOURCE_EXHAUSTED";
            case 503 -> "UNAVAILABLE";
            default -> "INTERNAL";
        };
    }
}
