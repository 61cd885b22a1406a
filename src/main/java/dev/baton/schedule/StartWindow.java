package dev.baton.schedule;

import dev.baton.core.InvalidInputException;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;

/**
 * Hours when unattended work may start, such as {@code 22:00-06:00} (overnight windows wrap past
 * midnight). The start is inclusive, the end exclusive. Immutable.
 */
public record StartWindow(LocalTime from, LocalTime to) {
    public static StartWindow parse(String text) {
        String[] ends = text == null ? new String[0] : text.strip().split("-");
        if (ends.length != 2) {
            throw new InvalidInputException("window '" + text + "' must look like HH:MM-HH:MM, e.g. 22:00-06:00");
        }
        try {
            StartWindow window = new StartWindow(LocalTime.parse(ends[0].strip()), LocalTime.parse(ends[1].strip()));
            if (window.from.equals(window.to)) {
                throw new InvalidInputException("window '" + text + "' is empty: its start and end are the same");
            }
            return window;
        } catch (DateTimeParseException e) {
            throw new InvalidInputException("window '" + text + "' must look like HH:MM-HH:MM, e.g. 22:00-06:00");
        }
    }

    public boolean contains(LocalTime t) {
        return from.isBefore(to) ? !t.isBefore(from) && t.isBefore(to) : !t.isBefore(from) || t.isBefore(to);
    }

    @Override
    public String toString() {
        return from + "-" + to;
    }
}
