package dev.baton.integrate;

import dev.baton.agent.RunOutcome;
import dev.baton.core.BatonException;
import dev.baton.core.Durations;
import dev.baton.core.Event;
import dev.baton.core.EventTypes;
import dev.baton.core.FailureReason;
import dev.baton.core.Run;
import dev.baton.core.StaleVersionException;
import dev.baton.core.Task;
import dev.baton.core.TaskStatus;
import dev.baton.gate.Gatekeeper;
import dev.baton.gate.ProjectConfig;
import dev.baton.session.ExecResult;
import dev.baton.session.ProcessLauncher;
import dev.baton.store.Recorder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs a task's verify commands (its own, then its project's) in the run's working folder after the
 * agent finished well: the task shows {@code verifying}, each command's output is appended to
 * {@code verify.log} in the run folder, and the first red command turns the run into a {@code
 * verify_failed} failure whose detail carries the output back to the agent. Thread-safe.
 */
public final class RunVerifier {
    static final String LOG = "verify.log";
    private static final int FEEDBACK_CHARS = 4000;

    private final Recorder recorder;
    private final ProcessLauncher launcher;
    private final Clock clock;

    public RunVerifier(Recorder recorder, ProcessLauncher launcher, Clock clock) {
        this.recorder = recorder;
        this.launcher = launcher;
        this.clock = clock;
    }

    /** The commands a task is verified with: its own, then its project's. */
    static List<String> commandsFor(Task task, ProjectConfig project) {
        List<String> commands = new ArrayList<>(task.spec().verify());
        project.verify().stream().filter(c -> !commands.contains(c)).forEach(commands::add);
        return commands;
    }

    /** The outcome after verification: the agent's own when there is nothing to verify or all passed. */
    public RunOutcome verify(Run run, RunOutcome outcome) {
        if (!outcome.succeeded() || run.workdir() == null) return outcome;
        Task task = recorder.store().findTask(run.taskId()).orElse(null);
        if (task == null || task.status() != TaskStatus.RUNNING || task.attempts() != run.attempt()) return outcome;
        ProjectConfig project;
        try {
            project = Gatekeeper.projectOf(task);
        } catch (BatonException e) {
            return RunOutcome.failure(FailureReason.VERIFY_FAILED, e.getMessage(), outcome.summary());
        }
        List<String> commands = commandsFor(task, project);
        if (commands.isEmpty()) return outcome;
        try {
            recorder.apply(dev.baton.store.Changes.builder()
                    .update(task.moveTo(TaskStatus.VERIFYING, clock.instant()))
                    .event(Event.of(
                            clock.instant(),
                            task.id(),
                            run.id(),
                            EventTypes.VERIFY_STARTED,
                            Map.of("commands", commands)))
                    .build());
        } catch (StaleVersionException changedMeanwhile) {
            return outcome; // cancelled meanwhile: the finisher records that
        }
        Path log = Path.of(run.runDir()).resolve(LOG);
        Instant started = clock.instant();
        for (String command : commands) {
            ExecResult result = launcher.exec(
                    List.of("sh", "-c", command),
                    Path.of(run.workdir()),
                    Map.of("BATON_TASK_ID", task.id().value(), "BATON_WORKTREE", run.workdir()),
                    project.verifyTimeout());
            String output = (result.stdout() + result.stderr()).strip();
            append(
                    log,
                    "$ " + command + "\n" + (output.isEmpty() ? "" : output + "\n") + "exit " + result.exitCode()
                            + "\n\n");
            if (!result.ok()) {
                String detail = "verify failed: '" + command + "' exited with " + result.exitCode()
                        + (result.exitCode() == 124
                                ? " (timed out after " + Durations.format(project.verifyTimeout()) + ")"
                                : "")
                        + (output.isEmpty() ? "" : ":\n" + tail(output));
                finished(task, run, started, false, command, result.exitCode(), output);
                return RunOutcome.failure(FailureReason.VERIFY_FAILED, detail, outcome.summary());
            }
        }
        finished(task, run, started, true, null, 0, null);
        return outcome;
    }

    private void finished(
            Task task, Run run, Instant started, boolean passed, String command, int exitCode, String output) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("passed", passed);
        data.put(
                "duration_ms",
                java.time.Duration.between(started, clock.instant()).toMillis());
        if (command != null) {
            data.put("command", command);
            data.put("exit_code", exitCode);
            data.put("output", tail(output));
        }
        recorder.apply(dev.baton.store.Changes.builder()
                .event(Event.of(clock.instant(), task.id(), run.id(), EventTypes.VERIFY_FINISHED, data))
                .build());
    }

    private static String tail(String output) {
        return output.length() <= FEEDBACK_CHARS ? output : "..." + output.substring(output.length() - FEEDBACK_CHARS);
    }

    private static void append(Path log, String text) {
        try {
            Files.writeString(log, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            // The outcome still carries the output; a missing log file must not fail the run.
        }
    }
}
