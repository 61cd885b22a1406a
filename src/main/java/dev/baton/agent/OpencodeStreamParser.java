package dev.baton.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.core.FailureReason;
import dev.baton.core.Usage;
import dev.baton.format.Jackson;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads {@code opencode run --format json}: one JSON object per line, each with {@code type},
 * {@code timestamp} (epoch ms) and {@code sessionID}. Types: {@code step_start}, {@code text}
 * ({@code part.text}), {@code tool_use} (a finished call: {@code part.tool}, {@code part.callID},
 * {@code part.state} with {@code status} completed|error, {@code input}, {@code output} or
 * {@code error}), {@code step_finish} ({@code part.reason} tool-calls|stop|length...,
 * {@code part.tokens} and {@code part.cost}) and {@code error} ({@code error.name},
 * {@code error.data} with {@code message}, {@code statusCode}, {@code responseHeaders}). opencode
 * names no model in this stream, so {@link OpencodeAgent} prints a {@code baton.launch} line with the
 * model first; a {@code baton.preflight} line reports a check that failed before opencode started.
 * One per run; not thread-safe.
 */
public final class OpencodeStreamParser implements StreamParser {
    static final String LAUNCH = "baton.launch";
    static final String PREFLIGHT = "baton.preflight";

    private static final ObjectMapper JSON = Jackson.json();
    private static final int MAX_OUTPUT = 4096;
    private static final Pattern RATE_LIMIT = Pattern.compile(
            "rate[ _-]?limit|usage limit|too many requests|quota|resource[ _]exhausted|insufficient_quota",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern TRY_AGAIN_IN = Pattern.compile(
            "(?:try again|retry|resets?) in\\s+(?:(\\d+)h)?\\s*(?:(\\d+)m(?!s))?\\s*(?:(\\d+(?:\\.\\d+)?)s)?",
            Pattern.CASE_INSENSITIVE);
    /** What opencode's tools answer when a permission rule or the (absent) user refused a call. */
    private static final List<String> DENIALS =
            List.of("rejected permission", "specified a rule", "user dismissed", "QuestionRejectedError");

    private String model;
    private String sessionId;
    private String lastText;

    @Override
    public List<AgentEvent> parse(String line) {
        if (line == null || !line.stripLeading().startsWith("{")) return List.of();
        try {
            return parse(JSON.readTree(line));
        } catch (Exception e) {
            return List.of(); // a log line or a half-written one: not ours to judge
        }
    }

    private List<AgentEvent> parse(JsonNode event) {
        List<AgentEvent> events = new ArrayList<>();
        String type = event.path("type").asText("");
        if (type.equals(LAUNCH)) {
            model = text(event, "model");
            return events;
        }
        if (type.equals(PREFLIGHT)) {
            FailureReason reason = FailureReason.fromWire(event.path("reason").asText("auth_missing"));
            events.add(new AgentEvent.Error(text(event, "message"), reason, null));
            return events;
        }
        String session = text(event, "sessionID");
        if (session != null && !session.equals(sessionId)) {
            sessionId = session;
            events.add(new AgentEvent.SessionStarted(session, model));
        }
        JsonNode part = event.path("part");
        switch (type) {
            case "text" -> {
                String text = part.path("text").asText("");
                if (!text.isBlank()) {
                    lastText = text;
                    events.add(new AgentEvent.Message(text));
                }
            }
            case "tool_use" -> {
                if (part.isObject()) toolUse(part, events);
            }
            case "step_finish" -> stepFinish(part, events);
            case "error" -> events.add(error(event.path("error"), timestamp(event)));
            default -> {} // step_start, reasoning: nothing Baton needs
        }
        return events;
    }

    private static void toolUse(JsonNode part, List<AgentEvent> events) {
        String callId = text(part, "callID");
        JsonNode state = part.path("state");
        JsonNode input = state.path("input");
        events.add(new AgentEvent.ToolCall(
                callId, part.path("tool").asText("?"), input.isMissingNode() ? "{}" : input.toString()));
        boolean failed = state.path("status").asText("").equals("error");
        String output =
                failed ? state.path("error").asText("") : state.path("output").asText("");
        events.add(new AgentEvent.ToolResult(callId, failed, shorten(output)));
        if (failed && DENIALS.stream().anyMatch(output::contains)) {
            events.add(new AgentEvent.Error(
                    "permission denied for " + part.path("tool").asText("a tool") + ": " + shorten(output),
                    FailureReason.PERMISSION_DENIED,
                    null));
        }
    }

    private void stepFinish(JsonNode part, List<AgentEvent> events) {
        JsonNode tokens = part.path("tokens");
        JsonNode cache = tokens.path("cache");
        // opencode splits the provider's figures: input excludes cache reads and writes, output
        // excludes reasoning. Baton counts cache writes as input and reasoning as output.
        long input = tokens.path("input").asLong(0) + cache.path("write").asLong(0);
        long output = tokens.path("output").asLong(0) + tokens.path("reasoning").asLong(0);
        long cached = cache.path("read").asLong(0);
        double cost = part.path("cost").asDouble(0);
        // A model without prices in opencode's catalogue (a custom provider, or the catalogue could not
        // be fetched) costs 0 there: that means "unknown", so look it up in Baton's own table.
        Usage usage = cost > 0
                ? new Usage(input, output, cached, cost)
                : new Usage(input, output, cached, ModelPrices.costOfFreshInput(model, input, output, cached));
        if (!tokens.isMissingNode()) events.add(new AgentEvent.UsageReport(usage, model, false));
        String reason = part.path("reason").asText("");
        if (!reason.equals("tool-calls")) {
            boolean cutShort = reason.equals("length") || reason.equals("content-filter") || reason.equals("error");
            events.add(new AgentEvent.Result(
                    cutShort
                            ? "the model stopped early (" + reason + ")" + (lastText == null ? "" : ": " + lastText)
                            : lastText,
                    cutShort));
        }
    }

    private static AgentEvent.Error error(JsonNode error, Instant at) {
        String name = error.path("name").asText("error");
        JsonNode data = error.path("data");
        String message = data.path("message").asText(name);
        int status = data.path("statusCode").asInt(0);
        String body = data.path("responseBody").asText("");
        String detail = status > 0 ? message + " (HTTP " + status + ")" : message;
        if (status == 429
                || RATE_LIMIT.matcher(message).find()
                || RATE_LIMIT.matcher(body).find()) {
            return new AgentEvent.Error(detail, FailureReason.RATE_LIMITED, resetAt(data, message, at));
        }
        if (name.equals("ProviderAuthError") || status == 401 || status == 403) {
            return new AgentEvent.Error(detail, FailureReason.AUTH_MISSING, null);
        }
        if (name.equals("MessageAbortedError")) {
            return new AgentEvent.Error(detail, null, null);
        }
        return new AgentEvent.Error(detail, FailureReason.API_ERROR, null);
    }

    /** When a rate limit lifts: from the response's retry-after headers, else from the message. */
    static Instant resetAt(JsonNode data, String message, Instant at) {
        JsonNode headers = data.path("responseHeaders");
        String millis = headerValue(headers, "retry-after-ms");
        String after = headerValue(headers, "retry-after");
        try {
            if (millis != null) return at.plusMillis((long) Double.parseDouble(millis));
            if (after != null) {
                if (after.matches("\\d+(\\.\\d+)?")) return at.plusMillis((long) (Double.parseDouble(after) * 1000));
                return ZonedDateTime.parse(after, DateTimeFormatter.RFC_1123_DATE_TIME)
                        .toInstant();
            }
        } catch (RuntimeException e) {
            // an unreadable header: fall back to the message
        }
        Matcher m = TRY_AGAIN_IN.matcher(message);
        if (m.find() && (m.group(1) != null || m.group(2) != null || m.group(3) != null)) {
            Duration wait = Duration.ofHours(m.group(1) == null ? 0 : Long.parseLong(m.group(1)))
                    .plusMinutes(m.group(2) == null ? 0 : Long.parseLong(m.group(2)))
                    .plusMillis(m.group(3) == null ? 0 : (long) (Double.parseDouble(m.group(3)) * 1000));
            return at.plus(wait);
        }
        return null;
    }

    private static String headerValue(JsonNode headers, String name) {
        for (var field : headers.properties()) {
            if (field.getKey().toLowerCase(Locale.ROOT).equals(name))
                return field.getValue().asText();
        }
        return null;
    }

    private static Instant timestamp(JsonNode event) {
        long millis = event.path("timestamp").asLong(0);
        return millis > 0 ? Instant.ofEpochMilli(millis) : Instant.now();
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isTextual() && !value.asText().isBlank() ? value.asText() : null;
    }

    private static String shorten(String text) {
        return text.length() <= MAX_OUTPUT ? text : text.substring(0, MAX_OUTPUT) + "…";
    }
}
