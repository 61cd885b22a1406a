package dev.baton.agent;

import dev.baton.core.FailureReason;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads Codex's error messages: what kind of failure each is and, for a limit, when it lifts. Codex
 * passes the API's status in words ({@code exceeded retry limit, last status: 429 Too Many Requests},
 * {@code unexpected status 401 Unauthorized: ...}) and words a usage limit as {@code ... try again at
 * Mar 17th, 2030 5:46 PM.} (or just {@code 5:46 PM} when it lifts today), in the local time zone of
 * the machine it runs on. Thread-safe.
 */
final class CodexErrors {
    /** A classified error message: {@code reason} null when it is only a warning. */
    record Classified(FailureReason reason, Instant resetAt) {}

    private static final Pattern RECONNECTING = Pattern.compile("^Reconnecting\\.\\.\\.", Pattern.CASE_INSENSITIVE);
    private static final Pattern RATE_LIMIT = Pattern.compile(
            "usage limit|\\b429\\b|too many requests|rate limit|rate_limit|quota", Pattern.CASE_INSENSITIVE);
    private static final Pattern AUTH = Pattern.compile(
            "\\b401\\b|unauthorized|missing environment variable|api key|not logged in|login required",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern TRY_AGAIN_AT = Pattern.compile(
            "try again at (?:([A-Z][a-z]{2}) (\\d{1,2})(?:st|nd|rd|th), (\\d{4}) )?(\\d{1,2}:\\d{2} [AP]M)",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern TRY_AGAIN_IN = Pattern.compile(
            "(?:try again|retry) (?:in|after) ((?:\\d+(?:\\.\\d+)?\\s*(?:ms|milliseconds?|s|secs?|seconds?|m|mins?|minutes?|h|hours?)\\s*)+)",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern DURATION_PART = Pattern.compile(
            "(\\d+(?:\\.\\d+)?)\\s*(ms|milliseconds?|s|secs?|seconds?|m|mins?|minutes?|h|hours?)",
            Pattern.CASE_INSENSITIVE);
    private static final DateTimeFormatter CLOCK_TIME = DateTimeFormatter.ofPattern("h:mm a", Locale.ENGLISH);
    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("MMM", Locale.ENGLISH);

    private final Clock clock;
    private final ZoneId zone;

    CodexErrors(Clock clock, ZoneId zone) {
        this.clock = clock;
        this.zone = zone;
    }

    /**
     * Classifies an error Codex reported. A {@code Reconnecting... 2/5} note is a retry in progress,
     * not a failure (reason null); any other error that ends a turn is at least an API error.
     */
    Classified classify(String message) {
        if (message == null) return new Classified(FailureReason.API_ERROR, null);
        if (RECONNECTING.matcher(message.strip()).find()) return new Classified(null, null);
        if (RATE_LIMIT.matcher(message).find()) return new Classified(FailureReason.RATE_LIMITED, resetAt(message));
        if (AUTH.matcher(message).find()) return new Classified(FailureReason.AUTH_MISSING, null);
        return new Classified(FailureReason.API_ERROR, null);
    }

    /** When a limit lifts, if the message says; null otherwise. */
    Instant resetAt(String message) {
        Matcher at = TRY_AGAIN_AT.matcher(message);
        if (at.find()) {
            try {
                LocalTime time = LocalTime.parse(at.group(4).toUpperCase(Locale.ROOT), CLOCK_TIME);
                LocalDate date = at.group(1) == null
                        ? LocalDate.now(clock.withZone(zone))
                        : LocalDate.of(
                                Integer.parseInt(at.group(3)),
                                MONTH.parse(capitalize(at.group(1))).get(java.time.temporal.ChronoField.MONTH_OF_YEAR),
                                Integer.parseInt(at.group(2)));
                return LocalDateTime.of(date, time).atZone(zone).toInstant();
            } catch (java.time.DateTimeException | NumberFormatException e) {
                return null;
            }
        }
        Matcher in = TRY_AGAIN_IN.matcher(message);
        if (in.find()) {
            Duration wait = Duration.ZERO;
            Matcher part = DURATION_PART.matcher(in.group(1));
            while (part.find()) {
                double amount = Double.parseDouble(part.group(1));
                String unit = part.group(2).toLowerCase(Locale.ROOT);
                long millis =
                        switch (unit.charAt(0)) {
                            case 'h' -> (long) (amount * 3_600_000);
                            case 'm' ->
                                unit.startsWith("ms") || unit.startsWith("milli")
                                        ? (long) amount
                                        : (long) (amount * 60_000);
                            default -> (long) (amount * 1000);
                        };
                wait = wait.plusMillis(millis);
            }
            return wait.isZero() ? null : clock.instant().plus(wait);
        }
        return null;
    }

    private static String capitalize(String month) {
        return month.substring(0, 1).toUpperCase(Locale.ROOT)
                + month.substring(1).toLowerCase(Locale.ROOT);
    }
}
