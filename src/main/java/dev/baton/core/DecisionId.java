package dev.baton.core;

import java.util.HexFormat;
import java.util.Objects;
import java.util.random.RandomGenerator;
import java.util.regex.Pattern;

/** A decision's id: {@code d-} and eight hex digits. */
public record DecisionId(String value) {
    private static final Pattern VALID = Pattern.compile("d-[0-9a-f]{4,32}");

    public DecisionId {
        Objects.requireNonNull(value, "value");
        if (!VALID.matcher(value).matches()) {
            throw new InvalidInputException(
                    "'" + value + "' is not a decision id; ids look like d-1a2b3c4d ('baton decisions' lists them)");
        }
    }

    public static DecisionId of(String value) {
        return new DecisionId(value);
    }

    public static DecisionId generate(RandomGenerator random) {
        byte[] bytes = new byte[4];
        random.nextBytes(bytes);
        return new DecisionId("d-" + HexFormat.of().formatHex(bytes));
    }

    @Override
    public String toString() {
        return value;
    }
}
