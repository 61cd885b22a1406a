package dev.baton.engine;

import dev.baton.core.FailureReason;
import java.util.OptionalInt;

/**
 * How the watch of a run ended: the process exited (with or without a recorded exit code), or Baton
 * stopped it for a reason of its own (timeout, stall, cancel).
 *
 * @param stoppedFor why Baton stopped the process, or null when it ended by itself
 */
record RunEnding(OptionalInt exitCode, FailureReason stoppedFor, String detail) {
    static RunEnding exited(OptionalInt exitCode) {
        return new RunEnding(exitCode, null, null);
    }

    static RunEnding stopped(FailureReason reason, String detail) {
        return new RunEnding(OptionalInt.empty(), reason, detail);
    }
}
