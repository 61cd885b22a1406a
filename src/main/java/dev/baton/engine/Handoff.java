package dev.baton.engine;

import dev.baton.core.Run;
import java.util.List;

/**
 * The note a run gets when it takes over a task from another agent: who worked on it before, why
 * that agent stopped, what it left in the branch, and what it said last. Stateless.
 */
final class Handoff {
    private static final int MAX_MESSAGE_CHARS = 2_000;

    private Handoff() {}

    /**
     * The note for a run of {@code agent}, or null when the task's last finished run was by the same
     * agent (it resumes its own session) or there is none.
     */
    static String note(List<Run> runs, String agent) {
        Run previous = null;
        for (int i = runs.size() - 1; i >= 0; i--) {
            if (runs.get(i).status().isTerminal()) {
                previous = runs.get(i);
                break;
            }
        }
        if (previous == null || previous.agent().equals(agent) || previous.failureReason() == null) return null;
        StringBuilder note = new StringBuilder("Handoff: you take over this task from ")
                .append(previous.agent())
                .append(" (run ")
                .append(previous.id().value())
                .append("), which stopped: ")
                .append(previous.failureReason().wireName());
        if (previous.failureDetail() != null)
            note.append(" (").append(previous.failureDetail()).append(')');
        note.append(". You work in the same worktree");
        if (previous.branch() != null) note.append(" and branch ").append(previous.branch());
        note.append(". ");
        var result = previous.result();
        if (result.commits().isEmpty() && result.filesChanged() == 0) {
            note.append("It left no changes.");
        } else {
            note.append("Its work so far: ").append(result.commits().size()).append(" commit(s)");
            if (!result.commits().isEmpty()) {
                note.append(" (")
                        .append(String.join(
                                ", ",
                                result.commits().stream()
                                        .map(c -> c.length() > 10 ? c.substring(0, 10) : c)
                                        .toList()))
                        .append(')');
            }
            note.append(", ")
                    .append(result.filesChanged())
                    .append(" file(s) changed, +")
                    .append(result.insertions())
                    .append("/-")
                    .append(result.deletions())
                    .append('.');
        }
        String last = result.summary();
        if (last != null && !last.isBlank()) {
            String text = last.strip();
            if (text.length() > MAX_MESSAGE_CHARS) text = "..." + text.substring(text.length() - MAX_MESSAGE_CHARS);
            note.append(" Its last message: ").append(text);
        }
        return note.toString();
    }
}
