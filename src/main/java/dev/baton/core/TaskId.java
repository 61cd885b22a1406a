package dev.baton.core;

import java.util.HexFormat;
import java.util.Objects;
import java.util.random.RandomGenerator;
import java.util.regex.Pattern;

/** A task's id: user-given (task files) or generated ({@code t-} and six hex digits). */
public record TaskId(String value) implements Comparable<TaskId> {
    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,79}");

    public TaskId {
        Objects.requireNonNull(value, "value");
        if (!VALID.matcher(value).matches()) {
            throw new InvalidInputException("'" + value + "' is not a valid task id: use 1 to 80 letters, digits,"
                    + " '.', '_' or '-', starting with a letter or digit");
        }
    }

    public static TaskId of(String value) {
        return new TaskId(value);
    }

    public static TaskId generate(RandomGenerator random) {
        byte[] bytes = new byte[3];
        random.nextBytes(bytes);
        return new TaskId("t-" + HexFormat.of().formatHex(bytes));
    }

    @Override
    public int compareTo(TaskId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
