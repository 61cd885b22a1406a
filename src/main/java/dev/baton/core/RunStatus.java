package dev.baton.core;

import java.util.Locale;

/** Where one run stands. */
public enum RunStatus {
    /** Claimed; workspace and process being prepared. */
    STARTING,
    RUNNING,
    SUCCEEDED,
    FAILED,
    CANCELLED;

    public boolean isTerminal() {
        return this == SUCCEEDED || this == FAILED || this == CANCELLED;
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static RunStatus fromWire(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }
}
