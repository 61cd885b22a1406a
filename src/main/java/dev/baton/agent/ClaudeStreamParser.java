package dev.baton.agent;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.core.FailureReason;
import dev.baton.core.Usage;
import dev.baton.format.Jackson;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads Claude Code's {@code --output-format stream-json --verbose} lines: {@code system/init} (the
 * session), {@code assistant} messages (text and {@code tool_use} blocks), {@code user} messages
 * ({@code tool_result} blocks), {@code system/api_retry}, {@code system/permission_denied}, and the
 * final {@code result}, which holds the whole run's usage and cost.
 *
 * <p>Quirks of the real CLI it relies on: an API failure arrives as an assistant message with
 * {@code is_api_error_message:true}, {@code error} (e.g. {@code rate_limit}, {@code authentication_failed})
 * and {@code api_error_status}, then a {@code result} whose {@code subtype} still says {@code success}
 * but whose {@code is_error} is true. The server's {@code retry-after} shows only as the
 * {@code retry_delay_ms} of an {@code api_retry} line, when the CLI retries.
 *
 * <p>One parser per run; not thread-safe.
 */
public final class ClaudeStreamParser implements StreamParser {
    private static final ObjectMapper JSON = Jackson.json();
    private static final int MAX_OUTPUT = 4096;

    private final Clock clock;
    private final Set<String> deniedCalls = new HashSet<>();
    private String sessionId;
    private String model;
    private Duration lastRetryDelay;
    private boolean apiErrorReported;

    public ClaudeStreamParser(Clock clock) {
        this.clock = clock;
    }

    @Override
    public List<AgentEvent> parse(String line) {
        if (line == null || line.isBlank() || line.charAt(0) != '{') return List.of();
        JsonNode node;
        try {
            node = JSON.readTree(line);
        } catch (JsonProcessingException e) {
            return List.of(); // not a line of the stream (a warning the CLI printed, a cut line)
        }
        if (node == null || !node.isObject()) return List.of();
        List<AgentEvent> events = new ArrayList<>();
        try {
            switch (node.path("type").asText("")) {
                case "system" -> system(node, events);
                case "assistant" -> assistant(node, events);
                case "user" -> user(node, events);
                case "result" -> result(node, events);
                default -> {}
            }
        } catch (RuntimeException e) {
            // A shape this parser does not know: keep what was understood, never fail the run's stream.
        }
        return events;
    }

    private void system(JsonNode node, List<AgentEvent> events) {
        switch (node.path("subtype").asText("")) {
            case "init" -> {
                sessionId = text(node, "session_id");
                model = text(node, "model");
                events.add(new AgentEvent.SessionStarted(sessionId, model));
            }
            case "api_retry" -> {
                long delayMs = node.path("retry_delay_ms").asLong(0);
                lastRetryDelay = delayMs > 0 ? Duration.ofMillis(delayMs) : null;
                String status = node.path("error_status").asText("?");
                events.add(new AgentEvent.Error(
                        "API error " + status + " (" + node.path("error").asText("unknown") + "), retry "
                                + node.path("attempt").asText("?") + " of "
                                + node.path("max_retries").asText("?")
                                + " in " + delayMs + " ms",
                        null,
                        null));
            }
            case "permission_denied" -> {
                String callId = text(node, "tool_use_id");
                if (callId != null) deniedCalls.add(callId);
                events.add(new AgentEvent.Error(
                        "permission denied for " + node.path("tool_name").asText("a tool") + ": "
                                + node.path("message").asText(""),
                        FailureReason.PERMISSION_DENIED,
                        null));
            }
            default -> {}
        }
    }

    private void assistant(JsonNode node, List<AgentEvent> events) {
        JsonNode content = node.path("message").path("content");
        if (node.path("is_api_error_message").asBoolean(false) || node.hasNonNull("error")) {
            String message = joinText(content);
            int status = node.path("api_error_status").asInt(0);
            events.add(apiError(message, status, node.path("error").asText("")));
            return;
        }
        for (JsonNode block : content) {
            switch (block.path("type").asText("")) {
                case "text" -> {
                    String text = block.path("text").asText("");
                    if (!text.isBlank()) events.add(new AgentEvent.Message(text));
                }
                case "tool_use" ->
                    events.add(new AgentEvent.ToolCall(
                            text(block, "id"),
                            text(block, "name"),
                            block.path("input").toString()));
                default -> {} // thinking blocks and the like stay in the stream file
            }
        }
    }

    private void user(JsonNode node, List<AgentEvent> events) {
        JsonNode content = node.path("message").path("content");
        if (!content.isArray()) return;
        for (JsonNode block : content) {
            if (!block.path("type").asText("").equals("tool_result")) continue;
            JsonNode output = block.path("content");
            String text = output.isTextual() ? output.asText() : joinText(output);
            events.add(new AgentEvent.ToolResult(
                    text(block, "tool_use_id"), block.path("is_error").asBoolean(false), shorten(text)));
        }
    }

    private void result(JsonNode node, List<AgentEvent> events) {
        String resultSession = text(node, "session_id");
        if (sessionId == null && resultSession != null) {
            sessionId = resultSession;
            events.add(new AgentEvent.SessionStarted(resultSession, model));
        }
        for (JsonNode denial : node.path("permission_denials")) {
            String callId = text(denial, "tool_use_id");
            if (callId != null && deniedCalls.add(callId)) {
                events.add(new AgentEvent.Error(
                        "permission denied for " + denial.path("tool_name").asText("a tool"),
                        FailureReason.PERMISSION_DENIED,
                        null));
            }
        }
        JsonNode usage = node.path("usage");
        if (usage.isObject() || node.has("total_cost_usd")) {
            Usage total = new Usage(
                    usage.path("input_tokens").asLong(0),
                    usage.path("output_tokens").asLong(0),
                    usage.path("cache_read_input_tokens").asLong(0)
                            + usage.path("cache_creation_input_tokens").asLong(0),
                    node.path("total_cost_usd").isNumber()
                            ? node.path("total_cost_usd").asDouble()
                            : null);
            events.add(new AgentEvent.UsageReport(total, modelOf(node), true));
        }
        boolean failed = node.path("is_error").asBoolean(false)
                || !node.path("subtype").asText("success").equals("success");
        String text = node.path("result").isTextual()
                ? node.path("result").asText()
                : node.path("subtype").asText("");
        if (failed && !apiErrorReported) {
            int status = node.path("api_error_status").asInt(0);
            if (status != 0 || text.startsWith("API Error") || ClaudeErrors.classify(text, 0, "") != null) {
                events.add(apiError(text, status, node.path("api_error_type").asText("")));
            }
        }
        events.add(new AgentEvent.Result(text, failed));
    }

    private AgentEvent.Error apiError(String message, int status, String errorKind) {
        apiErrorReported = true;
        FailureReason reason = ClaudeErrors.classify(message, status, errorKind);
        if (reason == null) reason = FailureReason.API_ERROR;
        Instant resetAt = null;
        if (reason == FailureReason.RATE_LIMITED) {
            resetAt = ClaudeErrors.resetAt(message, clock);
            // The CLI prints the server's retry-after only when it retries: assume the limit holds
            // as long again from the moment it gave up.
            if (resetAt == null && lastRetryDelay != null)
                resetAt = clock.instant().plus(lastRetryDelay);
        }
        return new AgentEvent.Error(message, reason, resetAt);
    }

    /** The model the run used most: the result's per-model usage names it, else the session's. */
    private String modelOf(JsonNode result) {
        JsonNode models = result.path("modelUsage");
        String best = null;
        double bestCost = -1;
        for (var entry : models.properties()) {
            double cost = entry.getValue().path("costUSD").asDouble(0);
            if (cost > bestCost) {
                best = entry.getKey();
                bestCost = cost;
            }
        }
        return best != null ? best : model;
    }

    private static String joinText(JsonNode blocks) {
        StringBuilder text = new StringBuilder();
        for (JsonNode block : blocks) {
            if (block.path("type").asText("").equals("text")) {
                if (!text.isEmpty()) text.append('\n');
                text.append(block.path("text").asText(""));
            }
        }
        return text.toString();
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static String shorten(String text) {
        return text.length() <= MAX_OUTPUT ? text : text.substring(0, MAX_OUTPUT) + "...";
    }
}
