package dev.baton.core;

import java.util.Arrays;
import java.util.Locale;

/** Where a decision stands: pending until a person answers it or it expires. */
public enum DecisionStatus {
    PENDING,
    APPROVED,
    REJECTED,
    EXPIRED;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static DecisionStatus fromWire(String name) {
        return Arrays.stream(values())
                .filter(s -> s.wireName().equals(name))
                .findFirst()
                .orElseThrow(() -> new InvalidInputException("unknown decision status '" + name
                        + "'; expected one of "
                        + Arrays.stream(values()).map(DecisionStatus::wireName).toList()));
    }
}
