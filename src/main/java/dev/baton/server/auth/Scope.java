package dev.baton.server.auth;

import dev.baton.core.InvalidInputException;
import java.util.Arrays;
import java.util.Locale;

/** What a token may do. Each scope includes the ones before it: admin ⊃ write ⊃ read. */
public enum Scope {
    READ,
    WRITE,
    ADMIN;

    public boolean allows(Scope needed) {
        return compareTo(needed) >= 0;
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Scope fromWire(String name) {
        return Arrays.stream(values())
                .filter(s -> s.wireName().equals(name))
                .findFirst()
                .orElseThrow(() -> new InvalidInputException("unknown scope '" + name + "'; use read, write or admin"));
    }
}
