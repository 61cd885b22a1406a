package dev.baton.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/** What the benchmarks read from this machine: the wall clock in microseconds, load and /proc figures. */
final class Machine {
    /** Clock ticks per second of /proc/PID/stat's utime and stime (USER_HZ, 100 on Linux). */
    static final long CLOCK_TICKS = 100;

    private Machine() {}

    /** The wall clock (CLOCK_REALTIME) in microseconds, as bash's $EPOCHREALTIME gives it. */
    static long nowMicros() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000L + now.getNano() / 1000;
    }

    /** Parses bash's $EPOCHREALTIME ("seconds.micros", the separator depends on the locale). */
    static long parseEpochRealtime(String text) {
        String t = text.strip().replace(',', '.');
        int dot = t.indexOf('.');
        if (dot < 0) throw new IllegalArgumentException("not an $EPOCHREALTIME value: '" + text + "'");
        String fraction = (t.substring(dot + 1) + "000000").substring(0, 6);
        return Long.parseLong(t.substring(0, dot)) * 1_000_000L + Long.parseLong(fraction);
    }

    /** The 1-minute load average. */
    static double load() {
        try {
            return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
        } catch (IOException e) {
            return Double.NaN;
        }
    }

    /** Resident memory of a process, in kB (VmRSS of /proc/PID/status). */
    static long rssKb(long pid) throws IOException {
        return statusField(pid, "VmRSS:");
    }

    static long threads(long pid) throws IOException {
        return statusField(pid, "Threads:");
    }

    private static long statusField(long pid, String field) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith(field)) {
                return Long.parseLong(line.substring(field.length()).strip().split("\\s+")[0]);
            }
        }
        throw new IOException(field + " missing from /proc/" + pid + "/status");
    }

    /** CPU time a process has used (utime + stime of /proc/PID/stat), in clock ticks. */
    static long cpuTicks(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        // The command name (field 2) may hold spaces; fields after it start past the last ')'.
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(f[11]) + Long.parseLong(f[12]); // fields 14 and 15 of the whole line
    }

    static void deleteTree(Path root) {
        if (!Files.exists(root)) return;
        try (var paths = Files.walk(root)) {
            List<Path> all = paths.sorted(java.util.Comparator.reverseOrder()).toList();
            for (Path p : all) Files.deleteIfExists(p);
        } catch (IOException e) {
            System.err.println("could not delete " + root + ": " + e);
        }
    }
}
