package dev.baton.core;

import java.util.Arrays;
import java.util.Locale;

/** How much an agent may do on its own for a task. */
public enum TaskMode {
    AUTONOMOUS,
    PLAN_FIRST,
    READ_ONLY;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static TaskMode fromWire(String name) {
        return Arrays.stream(values())
                .filter(m -> m.wireName().equals(name))
                .findFirst()
                .orElseThrow(() -> new InvalidInputException(
                        "unknown mode '" + name + "'; expected autonomous, plan-first or read-only"));
    }
}
