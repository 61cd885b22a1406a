package dev.baton.session;

import java.time.Instant;

/**
 * A launched process group: the leader's pid and its start time, which together tell it apart from
 * a later process that reuses the pid.
 */
public record ProcessRef(long pid, Instant startedAt) {}
