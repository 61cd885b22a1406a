package dev.baton.testing.model;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One scripted reply of the model server: text and/or tool calls, or an HTTP error, optionally after
 * a delay, or a hang (the server never answers, to test stall detection).
 *
 * @param status 200 for a normal reply; 400, 429, 500 ... for an error
 * @param retryAfterSeconds sent as {@code retry-after} with an error, or null
 * @param hang never answer (the connection stays open until the server stops)
 */
public record Turn(
        String text,
        List<ToolCall> toolCalls,
        int status,
        String errorMessage,
        Integer retryAfterSeconds,
        Duration delay,
        boolean hang,
        int inputTokens,
        int outputTokens) {

    /** A tool call the model makes: {@code arguments} become the tool input as JSON. */
    public record ToolCall(String name, Map<String, Object> arguments) {}

    public Turn {
        toolCalls = List.copyOf(toolCalls == null ? List.of() : toolCalls);
        delay = delay == null ? Duration.ZERO : delay;
    }

    public static Turn text(String text) {
        return new Turn(text, List.of(), 200, null, null, null, false, 100, 20);
    }

    public static Turn tool(String name, Map<String, Object> arguments) {
        return new Turn(null, List.of(new ToolCall(name, arguments)), 200, null, null, null, false, 100, 20);
    }

    public static Turn error(int status, String message, Integer retryAfterSeconds) {
        return new Turn(null, List.of(), status, message, retryAfterSeconds, null, false, 0, 0);
    }

    public static Turn hanging() {
        return new Turn(null, List.of(), 200, null, null, null, true, 0, 0);
    }

    public Turn after(Duration wait) {
        return new Turn(
                text, toolCalls, status, errorMessage, retryAfterSeconds, wait, hang, inputTokens, outputTokens);
    }

    public boolean isError() {
        return status != 200;
    }
}
