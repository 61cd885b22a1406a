package dev.baton.gate;

import dev.baton.core.Decision;
import dev.baton.core.DecisionKind;
import dev.baton.core.DecisionStatus;
import dev.baton.core.NotFoundException;
import dev.baton.core.RunId;
import dev.baton.core.SafetyTier;
import dev.baton.core.StaleVersionException;
import dev.baton.core.Task;
import dev.baton.core.TaskId;
import dev.baton.store.Changes;
import dev.baton.store.Recorder;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Answers an agent's question "may I use this tool?" (Claude Code's permission prompt): shell
 * commands go through the {@link CommandPolicy}; risky ones, and under the {@code manual} safety
 * tier every tool that changes something, become a {@code tool_permission} decision that this call
 * waits for. Read-only tools are always allowed. Thread-safe; blocks the caller while it waits.
 */
public final class ToolPermissions {
    private static final Set<String> READ_ONLY = Set.of("Read", "Glob", "Grep", "LS", "TodoWrite", "NotebookRead");
    private static final Set<String> SHELL = Set.of("Bash", "shell", "run_shell_command");
    private static final int INPUT_CHARS = 2000;

    private final Recorder recorder;
    private final DecisionService decisions;
    private final Clock clock;
    private final Duration poll;

    public ToolPermissions(Recorder recorder, DecisionService decisions, Clock clock, Duration poll) {
        this.recorder = recorder;
        this.decisions = decisions;
        this.clock = clock;
        this.poll = poll;
    }

    /** The answer: allowed, or denied with a message for the agent. */
    public record Answer(boolean allowed, String message) {}

    public Answer ask(
            TaskId taskId, RunId run, SafetyTier tier, String tool, Map<String, Object> input, Duration timeout)
            throws InterruptedException {
        Task task = recorder.store().findTask(taskId).orElseThrow(() -> NotFoundException.task(taskId));
        Object commandField = input.get("command");
        String command = SHELL.contains(tool) && commandField instanceof String s ? s : null;
        CommandPolicy.Verdict verdict = command == null ? CommandPolicy.Verdict.ALLOW : CommandPolicy.judge(command);
        if (verdict.action() == CommandPolicy.Action.REFUSE) {
            return new Answer(
                    false,
                    "Baton's command policy refuses this (" + verdict.rule() + ": " + verdict.why()
                            + "). Do it another way or leave it to a person.");
        }
        boolean ask = verdict.action() == CommandPolicy.Action.APPROVE && tier != SafetyTier.FULL
                || tier == SafetyTier.MANUAL && !READ_ONLY.contains(tool);
        if (!ask) return new Answer(true, null);

        Map<String, Object> details = new LinkedHashMap<>();
        details.put("tool", tool);
        details.put("input", shorten(command != null ? command : String.valueOf(input)));
        details.put("safety", tier.wireName());
        if (verdict.rule() != null) {
            details.put("rule", verdict.rule());
            details.put("risk", verdict.why());
        }
        String question =
                "May " + task.agent() + " use " + tool + " for '" + task.spec().title() + "': "
                        + shorten(command != null ? command : String.valueOf(input), 200) + "?"
                        + (verdict.why() == null ? "" : " It " + verdict.why() + ".");
        Changes.Builder changes = Changes.builder();
        Decision asked = decisions.ask(changes, task, run, DecisionKind.TOOL_PERMISSION, question, details, timeout);
        recorder.apply(changes.build());
        return await(asked, clock.instant().plus(timeout));
    }

    private Answer await(Decision asked, Instant deadline) throws InterruptedException {
        while (true) {
            Decision now = decisions.get(asked.id());
            if (now.status() == DecisionStatus.APPROVED) return new Answer(true, null);
            if (!now.isPending()) {
                return new Answer(
                        false,
                        "A person " + (now.status() == DecisionStatus.EXPIRED ? "did not answer in time" : "said no")
                                + (now.reason() == null ? "" : ": " + now.reason()));
            }
            if (!clock.instant().isBefore(deadline)) {
                try {
                    recorder.apply(Changes.builder()
                            .update(now.expire(clock.instant()))
                            .build());
                } catch (StaleVersionException answeredJustNow) {
                    continue;
                }
                return new Answer(false, "No one answered the permission question in time");
            }
            Thread.sleep(poll);
        }
    }

    private static String shorten(String text) {
        return shorten(text, INPUT_CHARS);
    }

    private static String shorten(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 3) + "...";
    }
}
