package dev.baton.schedule;

import com.cronutils.descriptor.CronDescriptor;
import com.cronutils.model.Cron;
import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import dev.baton.core.InvalidInputException;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A five-field Unix cron expression (minute, hour, day of month, month, day of week) with lists,
 * ranges, steps, month and day names, read by cron-utils; and the shorthands {@code @hourly},
 * {@code @daily} ({@code @nightly}, {@code @midnight}), {@code @weekly}, {@code @monthly},
 * {@code @yearly}, which cron-utils' Unix definition does not take and which people have used in
 * their schedules. As in Vixie cron, when both day fields are restricted a day matches either.
 * Immutable, thread-safe.
 */
public final class CronExpression {
    private static final CronParser PARSER = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));
    // The CLI speaks English; a description in the machine's language would sit oddly among it.
    private static final CronDescriptor DESCRIPTOR = CronDescriptor.instance(Locale.ENGLISH);
    private static final Map<String, String> SHORTHANDS = Map.of(
            "@hourly", "0 * * * *",
            "@daily", "0 0 * * *",
            "@nightly", "0 0 * * *",
            "@midnight", "0 0 * * *",
            "@weekly", "0 0 * * 0",
            "@monthly", "0 0 1 * *",
            "@yearly", "0 0 1 1 *");
    private static final List<String> FIELDS = List.of("minute", "hour", "day of month", "month", "day of week");
    private static final String EXAMPLE = "e.g. \"30 22 * * 1-5\" for 22:30 Monday to Friday";
    // cron-utils starts every parse error with this; the rest is the reason.
    private static final String LIBRARY_PREFIX = "Failed to parse cron expression.";

    private final String text;
    private final Cron cron;
    private final ExecutionTime times;

    private CronExpression(String text, Cron cron) {
        this.text = text;
        this.cron = cron;
        this.times = ExecutionTime.forCron(cron);
    }

    /** Parses an expression; a malformed one fails with what is wrong and an example. */
    public static CronExpression parse(String expression) {
        if (expression == null || expression.isBlank()) {
            throw new InvalidInputException(
                    "empty cron expression; give five fields, e.g. \"0 2 * * *\" for 02:00 daily");
        }
        String text = expression.strip();
        String lower = text.toLowerCase(Locale.ROOT);
        if (lower.startsWith("@") && !SHORTHANDS.containsKey(lower)) {
            throw new InvalidInputException("unknown cron shorthand '" + text
                    + "'; use @hourly, @daily, @weekly, @monthly or @yearly, or five fields, " + EXAMPLE);
        }
        String[] fields = SHORTHANDS.getOrDefault(lower, lower).split("\\s+");
        if (fields.length != 5) {
            throw new InvalidInputException("cron expression '" + text + "' has " + fields.length
                    + " field(s); it needs five: minute hour day-of-month month day-of-week, " + EXAMPLE);
        }
        try {
            return new CronExpression(text, PARSER.parse(String.join(" ", fields)));
        } catch (IllegalArgumentException e) {
            throw invalid(text, fields, e);
        }
    }

    /** The text as given, so a schedule lists what its author typed. */
    @Override
    public String toString() {
        return text;
    }

    /** In plain English, such as "at 02:00" or "every 15 minutes". */
    public String description() {
        return DESCRIPTOR.describe(cron);
    }

    /** The first matching minute strictly after {@code after}, in its zone; throws when none comes. */
    public ZonedDateTime next(ZonedDateTime after) {
        return times.nextExecution(after.truncatedTo(ChronoUnit.MINUTES))
                .orElseThrow(() -> new InvalidInputException("cron expression '" + text
                        + "' never matches a date (is its day of month in none of its months?); "
                        + EXAMPLE));
    }

    /**
     * Names the field cron-utils refused: its messages give the reason but not the field, so each
     * field is tried alone among wildcards.
     */
    private static InvalidInputException invalid(String text, String[] fields, IllegalArgumentException e) {
        for (int i = 0; i < fields.length; i++) {
            String[] alone = {"*", "*", "*", "*", "*"};
            alone[i] = fields[i];
            try {
                PARSER.parse(String.join(" ", alone));
            } catch (IllegalArgumentException refused) {
                return new InvalidInputException(
                        "cron " + FIELDS.get(i) + " field '" + fields[i] + "': " + reason(refused) + "; " + EXAMPLE);
            }
        }
        return new InvalidInputException("cron expression '" + text + "': " + reason(e) + "; " + EXAMPLE);
    }

    private static String reason(IllegalArgumentException e) {
        String message = e.getMessage() == null ? "not valid" : e.getMessage().strip();
        return message.startsWith(LIBRARY_PREFIX)
                ? message.substring(LIBRARY_PREFIX.length()).strip()
                : message;
    }
}
