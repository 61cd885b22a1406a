package dev.baton.schedule;

import dev.baton.core.InvalidInputException;
import java.time.DayOfWeek;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A five-field cron expression (minute, hour, day of month, month, day of week) with lists, ranges,
 * steps, month and day names, and the shorthands {@code @hourly}, {@code @daily} ({@code @nightly}),
 * {@code @weekly}, {@code @monthly}. As in Vixie cron, when both day fields are restricted a day
 * matches either. Immutable, thread-safe.
 */
public final class CronExpression {
    private static final Map<String, String> SHORTHANDS = Map.of(
            "@hourly", "0 * * * *",
            "@daily", "0 0 * * *",
            "@nightly", "0 0 * * *",
            "@midnight", "0 0 * * *",
            "@weekly", "0 0 * * 0",
            "@monthly", "0 0 1 * *",
            "@yearly", "0 0 1 1 *");
    private static final List<String> MONTHS =
            List.of("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec");
    private static final List<String> DAYS = List.of("sun", "mon", "tue", "wed", "thu", "fri", "sat");

    private final String text;
    private final BitSet minutes;
    private final BitSet hours;
    private final BitSet daysOfMonth;
    private final BitSet months;
    private final BitSet daysOfWeek;
    private final boolean anyDayOfMonth;
    private final boolean anyDayOfWeek;

    private CronExpression(String text, String[] f) {
        this.text = text;
        this.minutes = field(f[0], 0, 59, null, "minute");
        this.hours = field(f[1], 0, 23, null, "hour");
        this.daysOfMonth = field(f[2], 1, 31, null, "day of month");
        this.months = field(f[3], 1, 12, MONTHS, "month");
        BitSet dow = field(f[4], 0, 7, DAYS, "day of week");
        if (dow.get(7)) dow.set(0); // 7 is Sunday too
        this.daysOfWeek = dow;
        this.anyDayOfMonth = f[2].equals("*");
        this.anyDayOfWeek = f[4].equals("*");
    }

    /** Parses an expression; a malformed one fails with what is wrong and an example. */
    public static CronExpression parse(String expression) {
        if (expression == null || expression.isBlank()) {
            throw new InvalidInputException(
                    "empty cron expression; give five fields, e.g. \"0 2 * * *\" for 02:00 daily");
        }
        String text = expression.strip().toLowerCase(Locale.ROOT);
        String fields = SHORTHANDS.getOrDefault(text, text);
        String[] f = fields.split("\\s+");
        if (f.length != 5) {
            throw new InvalidInputException("cron expression '" + expression + "' has " + f.length
                    + " field(s); it needs five: minute hour day-of-month month day-of-week, e.g. \"30 22 * * 1-5\"");
        }
        return new CronExpression(expression.strip(), f);
    }

    @Override
    public String toString() {
        return text;
    }

    /** The first matching minute strictly after {@code after}, or throws when none in eight years. */
    public ZonedDateTime next(ZonedDateTime after) {
        ZonedDateTime t = after.truncatedTo(ChronoUnit.MINUTES).plusMinutes(1);
        ZonedDateTime limit = t.plusYears(8);
        while (t.isBefore(limit)) {
            if (!months.get(t.getMonthValue())) {
                t = t.withDayOfMonth(1).truncatedTo(ChronoUnit.DAYS).plusMonths(1);
                continue;
            }
            if (!dayMatches(t)) {
                t = t.truncatedTo(ChronoUnit.DAYS).plusDays(1);
                continue;
            }
            if (!hours.get(t.getHour())) {
                t = t.truncatedTo(ChronoUnit.HOURS).plusHours(1);
                continue;
            }
            if (!minutes.get(t.getMinute())) {
                t = t.plusMinutes(1);
                continue;
            }
            return t;
        }
        throw new InvalidInputException("cron expression '" + text + "' never matches a date");
    }

    private boolean dayMatches(ZonedDateTime t) {
        boolean dom = daysOfMonth.get(t.getDayOfMonth());
        boolean dow = daysOfWeek.get(
                t.getDayOfWeek() == DayOfWeek.SUNDAY ? 0 : t.getDayOfWeek().getValue());
        if (anyDayOfMonth && anyDayOfWeek) return true;
        if (anyDayOfMonth) return dow;
        if (anyDayOfWeek) return dom;
        return dom || dow;
    }

    private static BitSet field(String spec, int min, int max, List<String> names, String what) {
        BitSet bits = new BitSet(max + 1);
        for (String part : spec.split(",")) {
            int step = 1;
            String range = part;
            int slash = part.indexOf('/');
            if (slash >= 0) {
                step = number(part.substring(slash + 1), 1, max, null, what, spec);
                range = part.substring(0, slash);
            }
            int from;
            int to;
            if (range.equals("*")) {
                from = min;
                to = max;
            } else if (range.contains("-")) {
                String[] ends = range.split("-", 2);
                from = number(ends[0], min, max, names, what, spec);
                to = number(ends[1], min, max, names, what, spec);
                if (from > to) throw bad(spec, what, "range " + range + " runs backwards");
            } else {
                from = number(range, min, max, names, what, spec);
                to = slash >= 0 ? max : from;
            }
            for (int v = from; v <= to; v += step) bits.set(v);
        }
        return bits;
    }

    private static int number(String text, int min, int max, List<String> names, String what, String spec) {
        if (names != null && names.contains(text)) {
            return names.indexOf(text) + (names == MONTHS ? 1 : 0);
        }
        int value;
        try {
            value = Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw bad(spec, what, "'" + text + "' is not a number");
        }
        if (value < min || value > max) throw bad(spec, what, value + " is outside " + min + "-" + max);
        return value;
    }

    private static InvalidInputException bad(String spec, String what, String why) {
        return new InvalidInputException("cron " + what + " field '" + spec + "': " + why);
    }
}
