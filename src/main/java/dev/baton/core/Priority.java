package dev.baton.core;

import java.util.Locale;

/** Task priority, 1 (runs first) to 10. The words of simple task files map onto it. */
public final class Priority {
    public static final int HIGHEST = 1;
    public static final int LOWEST = 10;
    public static final int DEFAULT = 5;

    private Priority() {}

    public static int check(int priority) {
        if (priority < HIGHEST || priority > LOWEST) {
            throw new InvalidInputException(
                    "priority " + priority + " is out of range; use 1 (runs first) to 10, or high, medium, low");
        }
        return priority;
    }

    /** Accepts {@code high|medium|low} or a number from 1 to 10. */
    public static int parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        return switch (t) {
            case "high", "urgent" -> 2;
            case "medium", "normal" -> DEFAULT;
            case "low" -> 8;
            default -> {
                try {
                    yield check(Integer.parseInt(t));
                } catch (NumberFormatException e) {
                    throw new InvalidInputException("priority '" + text
                            + "' is not understood; use high, medium, low or a number from 1 to 10");
                }
            }
        };
    }
}
