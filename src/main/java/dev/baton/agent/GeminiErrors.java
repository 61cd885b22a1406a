package dev.baton.agent;

import dev.baton.core.FailureReason;
import java.time.Instant;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the error messages the Gemini CLI prints into a failure reason and, for rate limits, the
 * time the limit lifts. The CLI does not pass the HTTP status or {@code retry-after} header on: it
 * formats the API's error into text such as {@code [API Error: Resource has been exhausted ...
 * Suggested retry after 30s.]} (from the error's {@code google.rpc.RetryInfo}) or {@code [API
 * Error: {"error":{"code":400,...}}]}, so this is all text matching. Stateless.
 */
final class GeminiErrors {
    private static final Pattern RETRY_AFTER = Pattern.compile(
            "(?:suggested retry after|please retry in|retry after)\\s+([0-9]+(?:\\.[0-9]+)?)\\s*(ms|s)\\b",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern HTTP_CODE = Pattern.compile("\"code\"\\s*:\\s*(\\d{3})");

    private GeminiErrors() {}

    /** A classified error: {@code reason} is null when the message is not recognisably anything. */
    record Classified(FailureReason reason, Instant resetAt) {}

    /**
     * Classifies a message the CLI reported at {@code reportedAt} (the event's timestamp, which a
     * suggested retry delay counts from).
     */
    static Classified classify(String message, Instant reportedAt) {
        if (message == null || message.isBlank()) return new Classified(null, null);
        String lower = message.toLowerCase(Locale.ROOT);
        Integer code = httpCode(message);
        if (code != null && code == 429
                || lower.contains("resource_exhausted")
                || lower.contains("resource has been exhausted")
                || lower.contains("quota")
                || lower.contains("rate limit")
                || lower.contains("exhausted your")) {
            return new Classified(FailureReason.RATE_LIMITED, resetAt(message, reportedAt));
        }
        if (code != null && (code == 401 || code == 403)
                || lower.contains("api key not valid")
                || lower.contains("api_key_invalid")
                || lower.contains("unauthenticated")
                || lower.contains("invalid auth method")
                || lower.contains("must specify the gemini_api_key")) {
            return new Classified(FailureReason.AUTH_MISSING, null);
        }
        if (lower.contains("[api error") || code != null) {
            return new Classified(FailureReason.API_ERROR, null);
        }
        return new Classified(null, null);
    }

    /** When a suggested retry delay ends, or null when the message names none. */
    static Instant resetAt(String message, Instant reportedAt) {
        if (reportedAt == null) return null;
        Matcher m = RETRY_AFTER.matcher(message);
        if (!m.find()) return null;
        double amount = Double.parseDouble(m.group(1));
        long millis = m.group(2).equalsIgnoreCase("ms") ? Math.round(amount) : Math.round(amount * 1000);
        return reportedAt.plusMillis(millis);
    }

    private static Integer httpCode(String message) {
        Matcher m = HTTP_CODE.matcher(message);
        return m.find() ? Integer.valueOf(m.group(1)) : null;
    }
}
