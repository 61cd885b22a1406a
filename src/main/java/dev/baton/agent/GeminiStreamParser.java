package dev.baton.agent;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.core.FailureReason;
import dev.baton.core.Usage;
import dev.baton.format.Jackson;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads {@code gemini -o stream-json}: one JSON object per line, of type {@code init} (session id,
 * model), {@code message} (the prompt as {@code role:user}; the answer as {@code role:assistant},
 * streamed in pieces marked {@code delta:true}), {@code tool_use}, {@code tool_result}, {@code
 * error} (warnings and errors during the run) and last {@code result} ({@code status}, an {@code
 * error} when it failed, and token {@code stats} per model). The pieces of one answer are joined
 * into one {@link AgentEvent.Message}, given when the next event of another kind arrives. One
 * parser per run; not thread-safe.
 */
public final class GeminiStreamParser implements StreamParser {
    private static final ObjectMapper JSON = Jackson.json();
    private static final int MAX_OUTPUT = 4096;

    private final Clock clock;
    private final StringBuilder pendingAnswer = new StringBuilder();
    private String lastAnswer;
    private String model;
    private int deniedToolCalls;

    public GeminiStreamParser() {
        this(Clock.systemUTC());
    }

    /** @param clock the time a suggested retry delay counts from when an event has no timestamp */
    public GeminiStreamParser(Clock clock) {
        this.clock = clock;
    }

    @Override
    public List<AgentEvent> parse(String line) {
        JsonNode event = readObject(line);
        if (event == null) return List.of();
        String type = event.path("type").asText("");
        List<AgentEvent> events = new ArrayList<>();
        if (type.equals("message") && event.path("role").asText("").equals("assistant")) {
            if (!event.path("delta").asBoolean(false)) flushAnswer(events);
            pendingAnswer.append(event.path("content").asText(""));
            return events;
        }
        flushAnswer(events);
        switch (type) {
            case "init" -> {
                model = text(event, "model");
                events.add(new AgentEvent.SessionStarted(text(event, "session_id"), model));
            }
            case "tool_use" ->
                events.add(new AgentEvent.ToolCall(
                        text(event, "tool_id"),
                        text(event, "tool_name"),
                        event.has("parameters") ? event.get("parameters").toString() : "{}"));
            case "tool_result" -> events.add(toolResult(event));
            case "error" -> {
                if (event.path("severity").asText("error").equals("error")) {
                    events.add(error(event.path("message").asText(""), timestamp(event), false));
                }
            }
            case "result" -> result(event, events);
            default -> {} // the prompt echoed back as role:user, and kinds a later CLI may add
        }
        return events;
    }

    private AgentEvent.ToolResult toolResult(JsonNode event) {
        boolean failed = event.path("status").asText("").equals("error");
        String output = text(event, "output");
        if (failed) {
            JsonNode error = event.path("error");
            String errorType = error.path("type").asText("");
            if (errorType.equals("policy_violation") || errorType.equals("permission_denied")) {
                deniedToolCalls++;
            }
            String message = error.path("message").asText("");
            if (output == null || output.isBlank()) output = message;
            else if (!message.isEmpty() && !output.contains(message)) output = output + "\n" + message;
        }
        return new AgentEvent.ToolResult(text(event, "tool_id"), failed, shorten(output));
    }

    private void result(JsonNode event, List<AgentEvent> events) {
        if (event.has("stats")) events.add(usage(event.get("stats")));
        boolean failed = !event.path("status").asText("").equals("success");
        if (!failed) {
            events.add(new AgentEvent.Result(lastAnswer, false));
            return;
        }
        String message = event.path("error").path("message").asText("the Gemini CLI reported an error");
        events.add(error(message, timestamp(event), true));
        events.add(new AgentEvent.Result(message, true));
    }

    private AgentEvent.Error error(String message, Instant at, boolean endsRun) {
        GeminiErrors.Classified classified = GeminiErrors.classify(message, at == null ? clock.instant() : at);
        FailureReason reason = classified.reason();
        if (reason == null && endsRun && deniedToolCalls > 0) reason = FailureReason.PERMISSION_DENIED;
        return new AgentEvent.Error(message, reason, classified.resetAt());
    }

    /** The whole run's tokens, priced per model; the cost is unknown when any model's price is. */
    private AgentEvent.UsageReport usage(JsonNode stats) {
        Double cost = 0d;
        String biggest = null;
        long biggestTokens = -1;
        JsonNode models = stats.path("models");
        for (Map.Entry<String, JsonNode> entry : models.properties()) {
            JsonNode m = entry.getValue();
            Double modelCost = GeminiPrices.cost(
                    entry.getKey(), tokens(m, "input_tokens"), tokens(m, "output_tokens"), tokens(m, "cached"));
            cost = cost == null || modelCost == null ? null : cost + modelCost;
            if (tokens(m, "total_tokens") > biggestTokens) {
                biggestTokens = tokens(m, "total_tokens");
                biggest = entry.getKey();
            }
        }
        if (models.isEmpty()) cost = null;
        Usage usage =
                new Usage(tokens(stats, "input_tokens"), tokens(stats, "output_tokens"), tokens(stats, "cached"), cost);
        return new AgentEvent.UsageReport(usage, biggest != null ? biggest : model, true);
    }

    private void flushAnswer(List<AgentEvent> events) {
        if (pendingAnswer.isEmpty()) return;
        lastAnswer = pendingAnswer.toString();
        pendingAnswer.setLength(0);
        events.add(new AgentEvent.Message(lastAnswer));
    }

    private static JsonNode readObject(String line) {
        if (line == null) return null;
        String trimmed = line.strip();
        if (!trimmed.startsWith("{")) return null; // warnings the CLI prints among its events
        try {
            JsonNode node = JSON.readTree(trimmed);
            return node != null && node.isObject() ? node : null;
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    private static Instant timestamp(JsonNode event) {
        try {
            String value = text(event, "timestamp");
            return value == null ? null : Instant.parse(value);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static long tokens(JsonNode node, String field) {
        return Math.max(0, node.path(field).asLong(0));
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static String shorten(String text) {
        if (text == null || text.length() <= MAX_OUTPUT) return text;
        return text.substring(0, MAX_OUTPUT) + "… (" + (text.length() - MAX_OUTPUT) + " more characters)";
    }
}
