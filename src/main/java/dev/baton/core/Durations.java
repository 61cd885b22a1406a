package dev.baton.core;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads durations as people write them: {@code 90}, {@code 30s}, {@code 5m}, {@code 2h}, {@code 1h30m}. */
public final class Durations {
    private static final Pattern PART = Pattern.compile("(\\d+)(ms|s|m|h|d)");
    private static final Pattern WHOLE = Pattern.compile("(\\d+(ms|s|m|h|d))+");

    private Durations() {}

    /** A bare number means seconds, as in workflow files. */
    public static Duration parse(String text) {
        String trimmed = text == null ? "" : text.trim().toLowerCase(java.util.Locale.ROOT);
        if (trimmed.matches("\\d+")) {
            return Duration.ofSeconds(Long.parseLong(trimmed));
        }
        if (!WHOLE.matcher(trimmed).matches()) {
            throw new InvalidInputException("'" + text + "' is not a duration; write it like 90, 30s, 5m, 2h or 1h30m");
        }
        Duration total = Duration.ZERO;
        Matcher m = PART.matcher(trimmed);
        while (m.find()) {
            long n = Long.parseLong(m.group(1));
            total = total.plus(
                    switch (m.group(2)) {
                        case "ms" -> Duration.ofMillis(n);
                        case "s" -> Duration.ofSeconds(n);
                        case "m" -> Duration.ofMinutes(n);
                        case "h" -> Duration.ofHours(n);
                        default -> Duration.ofDays(n);
                    });
        }
        if (total.isZero()) {
            throw new InvalidInputException("'" + text + "' is zero; a duration must be longer than that");
        }
        return total;
    }

    /** The shortest readable form: {@code 1h30m}, {@code 45s}, {@code 250ms}. */
    public static String format(Duration d) {
        if (d.toMillis() < 1000) {
            return d.toMillis() + "ms";
        }
        long s = d.toSeconds();
        StringBuilder out = new StringBuilder();
        if (s >= 3600) out.append(s / 3600).append('h');
        if (s % 3600 >= 60) out.append(s % 3600 / 60).append('m');
        if (s % 60 > 0 || out.isEmpty()) out.append(s % 60).append('s');
        return out.toString();
    }
}
