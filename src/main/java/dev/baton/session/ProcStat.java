package dev.baton.session;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/** Reads a process's state from Linux's /proc; elsewhere it knows nothing and says so by returning false. */
final class ProcStat {
    /** Linux reports times in /proc in these ticks per second on every architecture (USER_HZ). */
    private static final long TICKS_PER_SECOND = 100;

    private ProcStat() {}

    /**
     * The start of a process that /proc says started {@code ticksSinceBoot} after boot, computed as
     * the JDK computes {@link ProcessHandle.Info#startInstant()} on Linux: the boot time /proc/stat
     * gives in whole seconds plus the ticks. Equal to what the JDK says of the same process, so a
     * start recorded from it and one read through {@link ProcessHandle} can be compared closely;
     * either may be up to a second before the real start, since the boot time is rounded down.
     */
    static Instant startOf(long ticksSinceBoot) {
        return Instant.ofEpochMilli(BootTime.MILLIS + ticksSinceBoot * 1000 / TICKS_PER_SECOND);
    }

    /** Read once, like the JDK reads it once. */
    private static final class BootTime {
        static final long MILLIS = read();

        private static long read() {
            try (var lines = Files.lines(Path.of("/proc/stat"))) {
                return lines.filter(line -> line.startsWith("btime "))
                        .mapToLong(line ->
                                Long.parseLong(line.substring("btime ".length()).strip()) * 1000)
                        .findFirst()
                        .orElseThrow(() -> new IllegalStateException("/proc/stat names no boot time"));
            } catch (IOException e) {
                throw new UncheckedIOException("could not read the boot time from /proc/stat", e);
            }
        }
    }

    /** True when the process has exited but was not reaped (state Z or X). */
    static boolean isZombie(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            int afterName = stat.lastIndexOf(')');
            if (afterName < 0 || afterName + 2 >= stat.length()) return false;
            char state = stat.charAt(afterName + 2);
            return state == 'Z' || state == 'X';
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }
}
