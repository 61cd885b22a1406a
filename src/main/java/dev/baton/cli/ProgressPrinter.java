package dev.baton.cli;

import dev.baton.core.Event;
import dev.baton.core.EventTypes;
import java.io.PrintWriter;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.function.Consumer;

/** Prints one line per engine event a person cares about. Thread-safe. */
final class ProgressPrinter implements Consumer<Event> {
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());
    private final PrintWriter out;

    ProgressPrinter(PrintWriter out) {
        this.out = out;
    }

    @Override
    public void accept(Event event) {
        String line = describe(event);
        if (line == null) return;
        synchronized (out) {
            out.println(TIME.format(event.at()) + "  " + pad(String.valueOf(event.taskId()), 10) + "  " + line);
            out.flush();
        }
    }

    private static String describe(Event e) {
        return switch (e.type()) {
            case EventTypes.TASK_CREATED -> "queued      " + e.data().get("title");
            case EventTypes.TASK_ROUTED -> "routed      " + e.data().get("why");
            case EventTypes.RUN_STARTED ->
                "running     pid " + e.data().get("pid")
                        + (e.data().containsKey("branch") ? " on " + e.data().get("branch") : "");
            case EventTypes.WORKSPACE_COMMITTED ->
                "committed   " + shortSha(e.data().get("commit")) + " on "
                        + e.data().get("branch");
            case EventTypes.TASK_COMPLETED -> "completed";
            case EventTypes.TASK_RETRYING ->
                "retrying    after " + e.data().get("reason") + " (in "
                        + e.data().get("delay_ms") + " ms)";
            case EventTypes.TASK_FAILED ->
                "failed      " + e.data().get("reason") + ": " + e.data().get("detail");
            case EventTypes.TASK_CANCELLED -> "cancelled";
            case EventTypes.RUN_RECONCILED -> "reconciled  " + e.data().get("detail");
            default -> null;
        };
    }

    private static String shortSha(Object sha) {
        String s = String.valueOf(sha);
        return s.length() > 8 ? s.substring(0, 8) : s;
    }

    private static String pad(String s, int width) {
        return s.length() >= width ? s : s + " ".repeat(width - s.length());
    }
}
