package dev.baton.agent;

import dev.baton.core.FailureReason;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads Claude Code's error messages: what kind of failure, and when a limit lifts. Stateless. */
final class ClaudeErrors {
    private static final Pattern RATE_LIMIT = Pattern.compile(
            "rate.?limit|usage limit|limit reached|hit your limit|too many requests|\\(429\\)|\\b429\\b",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern AUTH = Pattern.compile(
            "not logged in|please run /login|invalid api key|invalid x-api-key|authentication_error"
                    + "|oauth token has expired|\\(401\\)|\\b401\\b",
            Pattern.CASE_INSENSITIVE);
    /** The older subscription message: {@code Claude AI usage limit reached|1767225600}. */
    private static final Pattern EPOCH = Pattern.compile("\\|(\\d{10})\\b");

    private static final Pattern ISO =
            Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(?::\\d{2}(?:\\.\\d+)?)?(?:Z|[+-]\\d{2}:\\d{2})");
    private static final Pattern AFTER = Pattern.compile(
            "(?:try again|retry)\\s+(?:in|after)\\s+(\\d+)\\s*(seconds?|secs?|s|minutes?|mins?|m|hours?|h)\\b",
            Pattern.CASE_INSENSITIVE);
    /** The newer one: {@code 5-hour limit reached ∙ resets 3pm (Europe/Paris)}. */
    private static final Pattern CLOCK_TIME = Pattern.compile(
            "resets?(?:\\s+at)?\\s+(\\d{1,2})(?::(\\d{2}))?\\s*(am|pm)(?:\\s*\\(([^)]+)\\))?",
            Pattern.CASE_INSENSITIVE);

    private ClaudeErrors() {}

    /**
     * The failure an API error stands for, or null when nothing says it is one.
     *
     * @param status the HTTP status the CLI reports ({@code api_error_status}), 0 when unknown
     * @param kind the CLI's {@code error} or {@code api_error_type} field, empty when absent
     */
    static FailureReason classify(String message, int status, String kind) {
        String text = message == null ? "" : message;
        if (status == 429
                || kind.startsWith("rate_limit")
                || RATE_LIMIT.matcher(text).find()) {
            return FailureReason.RATE_LIMITED;
        }
        if (status == 401
                || kind.startsWith("authentication")
                || AUTH.matcher(text).find()) {
            return FailureReason.AUTH_MISSING;
        }
        if (status != 0 || !kind.isEmpty() || text.startsWith("API Error")) {
            return FailureReason.API_ERROR;
        }
        return null;
    }

    /** When a limit lifts, if the message says: an epoch, a timestamp, "try again in N", "resets 3pm". */
    static Instant resetAt(String message, Clock clock) {
        if (message == null) return null;
        Matcher epoch = EPOCH.matcher(message);
        if (epoch.find()) return Instant.ofEpochSecond(Long.parseLong(epoch.group(1)));
        Matcher iso = ISO.matcher(message);
        if (iso.find()) {
            try {
                return OffsetDateTime.parse(iso.group()).toInstant();
            } catch (DateTimeException e) {
                // not a real timestamp; try the other forms
            }
        }
        Matcher after = AFTER.matcher(message);
        if (after.find()) {
            long amount = Long.parseLong(after.group(1));
            String unit = after.group(2).toLowerCase(Locale.ROOT);
            Duration wait = unit.startsWith("h")
                    ? Duration.ofHours(amount)
                    : unit.startsWith("m") ? Duration.ofMinutes(amount) : Duration.ofSeconds(amount);
            return clock.instant().plus(wait);
        }
        Matcher time = CLOCK_TIME.matcher(message);
        if (time.find()) return nextClockTime(time, clock);
        return null;
    }

    private static Instant nextClockTime(Matcher time, Clock clock) {
        int hour = Integer.parseInt(time.group(1));
        int minute = time.group(2) == null ? 0 : Integer.parseInt(time.group(2));
        if (hour < 1 || hour > 12 || minute > 59) return null;
        boolean pm = time.group(3).equalsIgnoreCase("pm");
        hour = hour % 12 + (pm ? 12 : 0);
        ZoneId zone = clock.getZone();
        if (time.group(4) != null) {
            try {
                zone = ZoneId.of(time.group(4).strip());
            } catch (DateTimeException e) {
                // an unknown zone name: the local zone is the best guess
            }
        }
        ZonedDateTime now = clock.instant().atZone(zone);
        ZonedDateTime reset = now.with(LocalTime.of(hour, minute));
        if (!reset.isAfter(now)) reset = reset.plusDays(1);
        return reset.toInstant();
    }
}
