package dev.baton.session;

import dev.baton.core.LaunchException;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a {@link LaunchShells launch shell} (bash) is told: once, when it starts, the {@link
 * #prelude} that defines {@code baton_run}; then, for each run, one line that calls it. For launch
 * {@code N} the shell:
 *
 * <ol>
 *   <li>enters the work folder, or reports {@code failed N workdir} and starts nothing;
 *   <li>forks, with job control on for that moment, a subshell that leads a process group of its
 *       own; the subshell reads its pid, its parent's (the shell's) and its start in clock ticks
 *       since boot from {@code /proc/self/stat}, writes {@code PID SHELL_PID} to the run's {@code
 *       pid} file, reports {@code started N PID TICKS}, exports the run's variables and replaces
 *       itself ({@code exec}) with the command: the agent keeps that pid and leads the group, with
 *       standard input from /dev/null and its output appended to {@code stdout.log} and {@code
 *       stderr.log};
 *   <li>waits for it (job control off again, so an agent that is stopped and continued is still
 *       waited for), writes its exit code to {@code exit_code}, then reports {@code exited N CODE}.
 * </ol>
 *
 * A process group of its own is what a run needs: Baton stops a run by signalling its group, and
 * the shells run in a session of their own, without a terminal. Forking it from bash with job
 * control, rather than running {@code setsid} for a session, saves the start of one program per
 * run. The run folder must exist. Every value is single-quoted, so no text of a task is ever read
 * as shell syntax; the line is short because bash reads a pipe one byte at a time.
 */
final class LaunchScript {
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    /**
     * Variables that make a non-interactive bash read a file or change its options when it starts:
     * the launch shells start without them, so that nothing of the user's runs in them; a run gets
     * them back like any other variable the shell lacks.
     */
    private static final Set<String> SHELL_STARTUP = Set.of("BASH_ENV", "ENV", "SHELLOPTS", "BASHOPTS");

    /** Variables bash keeps read-only: a run cannot be given them back. */
    private static final Set<String> BASH_READ_ONLY = Set.of("SHELLOPTS", "BASHOPTS");

    private LaunchScript() {}

    /** The environment a launch shell starts with: {@code environment} without {@link #SHELL_STARTUP}. */
    static Map<String, String> shellEnvironment(Map<String, String> environment) {
        Map<String, String> shell = new HashMap<>(environment);
        shell.keySet().removeAll(SHELL_STARTUP);
        return Map.copyOf(shell);
    }

    /**
     * Sent once to a new shell: reports go to {@code reportPipe} (descriptor 3), and {@code
     * baton_run} is defined. It calls every command as a {@code builtin}: bash imports functions
     * from the environment, and one of them could otherwise stand in for {@code cd} or {@code exec}
     * here; the functions themselves stay exported to the runs, as they were given (but for one
     * named {@code exec}, which is removed so that the shell can keep its report pipe open).
     */
    static String prelude(String reportPipe) {
        // an exec with only redirections is permanent when called by name, not through builtin
        return "builtin unset -f exec\nexec 3>" + quote(reportPipe) + "\n"
                + """
                baton_run() {
                baton_id=$1 baton_dir=$3
                if ! builtin cd -- "$2" 2>/dev/null; then
                builtin printf 'failed %s workdir\\n' "$baton_id" >&3
                builtin return
                fi
                builtin shift 3
                builtin set -m
                (
                builtin read -r baton_pid baton_rest </proc/self/stat
                baton_stat=(${baton_rest##*)})
                builtin printf '%s %s\\n' "$baton_pid" "${baton_stat[1]}" >"$baton_dir/PID_FILE"
                builtin printf 'started %s %s %s\\n' "$baton_id" "$baton_pid" "${baton_stat[19]}" >&3
                builtin export BATON_RUN_DIR="$baton_dir"
                while builtin test "$1" != --; do builtin export "$1"; builtin shift; done
                builtin shift
                builtin exec "$@" </dev/null >>"$baton_dir/STDOUT_FILE" 2>>"$baton_dir/STDERR_FILE" 3>&-
                ) &
                baton_job=$!
                builtin set +m
                builtin wait "$baton_job" 2>/dev/null
                baton_code=$?
                builtin printf '%s\\n' "$baton_code" >"$baton_dir/EXIT_CODE_FILE"
                builtin printf 'exited %s %s\\n' "$baton_id" "$baton_code" >&3
                }
                """.replace("PID_FILE", RunFiles.PID)
                        .replace("STDOUT_FILE", RunFiles.STDOUT)
                        .replace("STDERR_FILE", RunFiles.STDERR)
                        .replace("EXIT_CODE_FILE", RunFiles.EXIT_CODE);
    }

    /**
     * The line that starts launch {@code id}.
     *
     * @param inherited the environment the shell runs with; only variables of the spec that differ
     *     from it are exported
     * @throws LaunchException when a variable's name cannot be exported from a shell
     */
    static String of(long id, LaunchSpec spec, Map<String, String> inherited) {
        StringBuilder s = new StringBuilder(256);
        s.append("baton_run ")
                .append(id)
                .append(' ')
                .append(quote(spec.workdir().toAbsolutePath().toString()))
                .append(' ')
                .append(quote(spec.runDir().toAbsolutePath().toString()));
        for (Map.Entry<String, String> variable : spec.env().entrySet()) {
            if (Objects.equals(inherited.get(variable.getKey()), variable.getValue())) continue;
            if (BASH_READ_ONLY.contains(variable.getKey())) continue;
            if (!NAME.matcher(variable.getKey()).matches()) {
                throw new LaunchException("cannot pass the environment variable '" + variable.getKey()
                        + "' to " + spec.command().getFirst()
                        + ": a name may hold only letters, digits and underscores, and not start with a digit");
            }
            s.append(' ').append(quote(variable.getKey() + "=" + variable.getValue()));
        }
        s.append(" --");
        for (String word : spec.command()) s.append(' ').append(quote(word));
        return s.append('\n').toString();
    }

    /** The word in single quotes; a quote inside becomes {@code '\''}. */
    static String quote(String word) {
        return "'" + word.replace("'", "'\\''") + "'";
    }
}
