package dev.baton.agent;

import dev.baton.core.AgentProfile;
import dev.baton.core.FailureReason;
import dev.baton.core.Task;
import dev.baton.session.LaunchSpec;
import dev.baton.session.RunFiles;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The built-in agent that runs a command. Its template is an argument list in which {@code {prompt}},
 * {@code {worktree}} and {@code {task_id}} are replaced — each argument as a whole, so no shell
 * quoting is involved. The default template, {@code sh -c {prompt}}, runs the task's text as a
 * shell command: {@code baton add 'make test' --agent command} does what it says. On a retry, {@code
 * BATON_FEEDBACK} holds why the previous attempt failed (for a red verify: the command and its output).
 */
public final class CommandAgent implements AgentAdapter {
    public static final String KIND = "command";
    public static final List<String> DEFAULT_TEMPLATE = List.of("sh", "-c", "{prompt}");
    private static final int SUMMARY_BYTES = 2000;

    /** The profile Baton registers when no other is configured for the command agent. */
    public static AgentProfile defaultProfile(int concurrency) {
        return new AgentProfile(
                KIND, KIND, Set.of("code_execution", "file_access", "shell"), concurrency, DEFAULT_TEMPLATE, Map.of());
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public LaunchSpec launchSpec(AgentProfile profile, Task task, Path workdir, Path runDir, String resumeSessionId) {
        List<String> template = profile.command().isEmpty() ? DEFAULT_TEMPLATE : profile.command();
        List<String> command = template.stream()
                .map(arg -> arg.replace("{prompt}", task.spec().prompt())
                        .replace("{worktree}", workdir.toString())
                        .replace("{task_id}", task.id().value()))
                .toList();
        Map<String, String> env = new java.util.HashMap<>(profile.env());
        env.put("BATON_TASK_ID", task.id().value());
        env.put("BATON_WORKTREE", workdir.toString());
        if (task.failureDetail() != null) {
            // A retry after a failure (a red verify, say): what went wrong, for the command to act on.
            env.put("BATON_FEEDBACK", task.failureDetail());
            env.put(
                    "BATON_FEEDBACK_REASON",
                    task.failureReason() == null ? "" : task.failureReason().wireName());
        }
        return new LaunchSpec(command, workdir, env, runDir);
    }

    @Override
    public RunOutcome outcome(int exitCode, RunFiles files, Transcript transcript) {
        String out = RunFiles.tail(files.stdout(), SUMMARY_BYTES).strip();
        if (exitCode == 0) {
            return RunOutcome.success(out);
        }
        String err = RunFiles.tail(files.stderr(), SUMMARY_BYTES).strip();
        String lastLine = lastLine(err.isEmpty() ? out : err);
        String detail = "exited with code " + exitCode + (lastLine.isEmpty() ? "" : ": " + lastLine);
        return RunOutcome.failure(FailureReason.EXIT_CODE, detail, err.isEmpty() ? out : err);
    }

    private static String lastLine(String text) {
        List<String> lines = text.lines().filter(l -> !l.isBlank()).toList();
        String last = lines.isEmpty() ? "" : lines.getLast().strip();
        return last.length() > 300 ? last.substring(0, 297) + "..." : last;
    }
}
