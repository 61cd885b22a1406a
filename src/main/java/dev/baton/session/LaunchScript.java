package dev.baton.session;

import dev.baton.core.LaunchException;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The shell text a {@link LaunchShells launch shell} runs to start one run, and the lines it
 * reports on descriptor 3. For launch {@code N} the shell:
 *
 * <ol>
 *   <li>enters the work folder, or reports {@code failed N workdir} and starts nothing;
 *   <li>forks a subshell that reads its own pid, its parent's (the shell's) and its start time in
 *       clock ticks since boot from {@code /proc/self/stat}, writes {@code PID SHELL_PID} to the
 *       run's {@code pid} file, reports {@code started N PID TICKS}, exports the run's variables and replaces
 *       itself ({@code exec}) with {@code setsid COMMAND}: the agent keeps that pid and leads a new
 *       session and process group, with standard input from /dev/null and its output appended to
 *       {@code stdout.log} and {@code stderr.log};
 *   <li>waits for it in the foreground, writes its exit code to {@code exit_code}, then reports
 *       {@code exited N CODE}.
 * </ol>
 *
 * The run folder must exist. Everything given is single-quoted, so no text of a task is ever read
 * as shell syntax.
 */
final class LaunchScript {
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private LaunchScript() {}

    /**
     * The script for launch {@code id}.
     *
     * @param inherited the environment the shell runs with; only variables of the spec that differ
     *     from it are exported
     * @throws LaunchException when a variable's name cannot be exported from a shell
     */
    static String of(long id, LaunchSpec spec, Map<String, String> inherited) {
        RunFiles files = new RunFiles(spec.runDir().toAbsolutePath());
        StringBuilder s = new StringBuilder(256);
        s.append("if cd -- ")
                .append(quote(spec.workdir().toAbsolutePath().toString()))
                .append(" 2>/dev/null; then\n");
        s.append("(\n");
        s.append("read -r baton_pid baton_rest </proc/self/stat\n");
        // after the name in parentheses: state, parent (the shell), ..., and the start as the 20th word
        s.append("set -- ${baton_rest##*)}\n");
        s.append("baton_shell=$2\n");
        s.append("shift 19\n");
        s.append("printf '%s %s\\n' \"$baton_pid\" \"$baton_shell\" >")
                .append(quote(files.pidFile().toString()))
                .append('\n');
        s.append("printf 'started ").append(id).append(" %s %s\\n' \"$baton_pid\" \"$1\" >&3\n");
        s.append("export BATON_RUN_DIR=").append(quote(files.dir().toString())).append('\n');
        for (Map.Entry<String, String> variable : spec.env().entrySet()) {
            if (Objects.equals(inherited.get(variable.getKey()), variable.getValue())) continue;
            if (!NAME.matcher(variable.getKey()).matches()) {
                throw new LaunchException("cannot pass the environment variable '" + variable.getKey()
                        + "' to " + spec.command().getFirst()
                        + ": a name may hold only letters, digits and underscores, and not start with a digit");
            }
            s.append("export ")
                    .append(variable.getKey())
                    .append('=')
                    .append(quote(variable.getValue()))
                    .append('\n');
        }
        s.append("exec setsid");
        for (String word : spec.command()) s.append(' ').append(quote(word));
        s.append(" </dev/null >>")
                .append(quote(files.stdout().toString()))
                .append(" 2>>")
                .append(quote(files.stderr().toString()))
                .append(" 3>&-\n");
        s.append(")\n");
        s.append("baton_code=$?\n");
        s.append("printf '%s\\n' \"$baton_code\" >")
                .append(quote(files.exitCodeFile().toString()))
                .append('\n');
        s.append("printf 'exited ").append(id).append(" %s\\n' \"$baton_code\" >&3\n");
        s.append("else\n");
        s.append("printf 'failed ").append(id).append(" workdir\\n' >&3\n");
        s.append("fi\n");
        return s.toString();
    }

    /** The word in single quotes; a quote inside becomes {@code '\''}. */
    static String quote(String word) {
        return "'" + word.replace("'", "'\\''") + "'";
    }
}
