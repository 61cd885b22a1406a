package dev.baton.core;

import java.util.Arrays;
import java.util.Locale;

/**
 * How much a project lets agents do without asking: {@code manual} — every task waits for an
 * approval before it starts and nothing merges unapproved; {@code confirm} (the default) — risky
 * tasks wait, merges need approval; {@code full} — nothing waits, verified branches merge.
 */
public enum Autonomy {
    MANUAL,
    CONFIRM,
    FULL;

    public static final Autonomy DEFAULT = CONFIRM;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Autonomy fromWire(String name) {
        return Arrays.stream(values())
                .filter(a -> a.wireName().equals(name))
                .findFirst()
                .orElseThrow(() -> new InvalidInputException("unknown autonomy level '" + name + "'; expected one of "
                        + Arrays.stream(values()).map(Autonomy::wireName).toList()));
    }
}
