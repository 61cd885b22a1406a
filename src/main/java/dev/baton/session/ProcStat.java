package dev.baton.session;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads a process's state from Linux's /proc; elsewhere it knows nothing and says so by returning false. */
final class ProcStat {
    private ProcStat() {}

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
