package dev.baton.core;

import java.util.Arrays;
import java.util.Locale;

/**
 * How far an agent is trusted: {@code full} — the command policy only refuses what is never
 * allowed; {@code supervised} (the default) — risky commands wait for a person unless the project
 * runs at full autonomy; {@code manual} — every task the agent takes waits for approval.
 */
public enum SafetyTier {
    FULL,
    SUPERVISED,
    MANUAL;

    public static final SafetyTier DEFAULT = SUPERVISED;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static SafetyTier fromWire(String name) {
        return Arrays.stream(values())
                .filter(t -> t.wireName().equals(name))
                .findFirst()
                .orElseThrow(() -> new InvalidInputException("unknown safety tier '" + name + "'; expected one of "
                        + Arrays.stream(values()).map(SafetyTier::wireName).toList()));
    }
}
