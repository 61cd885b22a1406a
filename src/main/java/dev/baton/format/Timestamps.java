package dev.baton.format;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.Temporal;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the dates and times people put in frontmatter: YAML timestamps ({@code 2026-01-31},
 * {@code 2026-01-31 02:30:00}, {@code 2026-1-31t2:30:00.5 +1}) and ISO forms, including ones
 * without seconds. A time without a zone is UTC, as YAML defines it. Stateless.
 *
 * <p>YAML 1.2 has no timestamp type; {@link YamlReader} still marks such scalars {@code !!timestamp}
 * so that task files can keep them as ISO text instead of as whatever the author typed.
 */
public final class Timestamps {
    private static final Pattern FORM = Pattern.compile("(\\d{4})-(\\d{1,2})-(\\d{1,2})"
            + "(?:(?:[Tt]|[ \\t]+)(\\d{1,2}):(\\d{2})(?::(\\d{2})(?:\\.(\\d{0,9})\\d*)?)?"
            + "(?:[ \\t]*(Z|z|[-+]\\d{1,2}(?::?\\d{2})?))?)?");

    private Timestamps() {}

    /** A {@link LocalDate} for a bare date, an {@link OffsetDateTime} otherwise; null when unreadable. */
    public static Temporal parse(String text) {
        Matcher m = FORM.matcher(text.strip());
        if (!m.matches()) {
            return null;
        }
        try {
            LocalDate date = LocalDate.of(number(m.group(1)), number(m.group(2)), number(m.group(3)));
            if (m.group(4) == null) {
                return date;
            }
            String fraction = m.group(7) == null ? "" : m.group(7);
            int nanos = fraction.isEmpty() ? 0 : number((fraction + "00000000").substring(0, 9));
            LocalDateTime local = date.atTime(
                    number(m.group(4)), number(m.group(5)), m.group(6) == null ? 0 : number(m.group(6)), nanos);
            return local.atOffset(offset(m.group(8)));
        } catch (DateTimeException e) {
            return null;
        }
    }

    /** The ISO-8601 text of a parsed value: {@code 2026-01-31} or {@code 2026-01-31T02:30:00Z}. */
    public static String iso(Temporal value) {
        return value instanceof OffsetDateTime time
                ? DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(time)
                : value.toString();
    }

    private static ZoneOffset offset(String zone) {
        if (zone == null || zone.equalsIgnoreCase("z")) {
            return ZoneOffset.UTC;
        }
        int sign = zone.charAt(0) == '-' ? -1 : 1;
        String digits = zone.substring(1).replace(":", "");
        int hours = digits.length() <= 2 ? number(digits) : number(digits.substring(0, digits.length() - 2));
        int minutes = digits.length() <= 2 ? 0 : number(digits.substring(digits.length() - 2));
        return ZoneOffset.ofHoursMinutes(sign * hours, sign * minutes);
    }

    private static int number(String digits) {
        return Integer.parseInt(digits);
    }
}
