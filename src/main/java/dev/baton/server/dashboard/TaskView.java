package dev.baton.server.dashboard;

import static dev.baton.server.dashboard.Html.esc;

import dev.baton.core.Event;
import dev.baton.core.EventTypes;
import dev.baton.core.Run;
import dev.baton.core.Task;
import dev.baton.route.RoutingEvents;
import dev.baton.server.JsonSupport;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A task's page: what it is, where it stands, why it went to its agent, its runs, tool calls and live log. */
final class TaskView {
    private static final int TOOL_CALLS_SHOWN = 100;

    private TaskView() {}

    static String page(Task task, List<Run> runs, List<Event> events, Instant now) {
        Run last = runs.isEmpty() ? null : runs.getLast();
        String body = """
                <p class="crumbs"><a href="/">Board</a> / <code>%s</code></p>
                <h1>%s</h1>
                %s
                <section class="panel">
                  <h2>Live log <span class="muted" id="log-run">%s</span></h2>
                  <pre id="log" class="log" aria-live="polite"></pre>
                </section>
                <details class="panel"><summary>Prompt</summary><pre class="prompt">%s</pre></details>
                """.formatted(
                        esc(task.id()),
                        esc(task.spec().title()),
                        summary(task, runs, events, now),
                        last == null ? "no run yet" : esc(last.id()),
                        esc(task.spec().prompt()));
        long after = events.isEmpty() ? 0 : events.getLast().id();
        String script = "Baton.task(" + JsonSupport.write(task.id().value()) + ", "
                + JsonSupport.write(last == null ? null : last.id().value()) + ", " + after + ");";
        return Layout.page(task.spec().title(), "", body, script);
    }

    /** The part that changes while the task runs; refreshed on the task's events. */
    static String summary(Task task, List<Run> runs, List<Event> events, Instant now) {
        StringBuilder out = new StringBuilder("<div id=\"task-summary\" hx-get=\"/ui/tasks/")
                .append(esc(task.id()))
                .append("/summary\" hx-trigger=\"baton:task from:body\" hx-swap=\"outerHTML\">");
        out.append("<section class=\"facts\">")
                .append(fact(
                        "Status",
                        "<span id=\"task-status\" data-status=\""
                                + task.status().wireName() + "\">"
                                + Html.badge(task.status().wireName()) + "</span>"))
                .append(fact("Agent", esc(task.agent() == null ? "not routed yet" : task.agent())))
                .append(fact("Priority", esc(task.spec().priority())))
                .append(fact("Attempts", esc(task.attempts())))
                .append(fact("Branch", task.branch() == null ? "–" : "<code>" + esc(task.branch()) + "</code>"))
                .append(fact("Updated", Html.ago(task.updatedAt(), now)))
                .append("</section>");
        if (task.failureReason() != null) {
            out.append("<p class=\"failure\"><b>")
                    .append(esc(task.failureReason().wireName()))
                    .append(":</b> ")
                    .append(esc(task.failureDetail()))
                    .append("</p>");
        }
        out.append(routing(events));
        out.append(runsTable(runs));
        out.append(toolCalls(events));
        return out.append("</div>").toString();
    }

    private static String fact(String label, String html) {
        return "<div class=\"fact\"><span>" + label + "</span><b>" + html + "</b></div>";
    }

    private static String routing(List<Event> events) {
        List<Event> steps = events.stream()
                .filter(e -> e.type().equals(EventTypes.TASK_ROUTED)
                        || e.type().equals(RoutingEvents.TASK_FAILOVER)
                        || e.type().equals(RoutingEvents.TASK_HELD))
                .toList();
        if (steps.isEmpty())
            return "<section class=\"panel\"><h2>Routing</h2><p class=\"muted\">not routed yet</p></section>";
        StringBuilder out = new StringBuilder("<section class=\"panel\"><h2>Routing</h2><ul class=\"routing\">");
        for (Event e : steps) {
            Map<String, Object> d = e.data();
            out.append("<li>");
            switch (e.type()) {
                case EventTypes.TASK_ROUTED ->
                    out.append("attempt ")
                            .append(esc(d.get("attempt")))
                            .append(" → <b>")
                            .append(esc(d.get("agent")))
                            .append("</b>: ")
                            .append(esc(d.get("why")));
                case RoutingEvents.TASK_FAILOVER ->
                    out.append("failover ")
                            .append(esc(d.get("hop")))
                            .append("/")
                            .append(esc(d.get("max")))
                            .append(": <b>")
                            .append(esc(d.get("from")))
                            .append("</b> stopped (")
                            .append(esc(d.get("reason")))
                            .append("), moving to <b>")
                            .append(esc(d.get("to")))
                            .append("</b>");
                default -> out.append("held: ").append(esc(d.get("why")));
            }
            out.append("</li>");
        }
        return out.append("</ul></section>").toString();
    }

    private static String runsTable(List<Run> runs) {
        if (runs.isEmpty()) return "";
        StringBuilder out = new StringBuilder("<section class=\"panel\"><h2>Runs</h2><table><thead><tr>"
                + "<th>Run</th><th>Agent</th><th>Status</th><th>Duration</th><th>Exit</th><th>Diff</th>"
                + "<th>Commits</th><th>Tokens in / out</th><th>Cost</th></tr></thead><tbody>");
        for (Run r : runs) {
            var result = r.result();
            out.append("<tr data-run-id=\"")
                    .append(esc(r.id()))
                    .append("\"><td><code>")
                    .append(esc(r.id()))
                    .append("</code></td><td>")
                    .append(esc(r.agent()))
                    .append("</td><td>")
                    .append(Html.badge(r.status().wireName()))
                    .append("</td><td>")
                    .append(Html.duration(r.startedAt(), r.finishedAt()))
                    .append("</td><td>")
                    .append(esc(r.exitCode()))
                    .append("</td><td>")
                    .append(result.filesChanged())
                    .append(" files <span class=\"plus\">+")
                    .append(result.insertions())
                    .append("</span> <span class=\"minus\">−")
                    .append(result.deletions())
                    .append("</span></td><td>");
            for (String c : result.commits()) {
                out.append("<code>")
                        .append(esc(c.length() > 10 ? c.substring(0, 10) : c))
                        .append("</code> ");
            }
            out.append("</td><td>")
                    .append(Html.number(result.usage().inputTokens()))
                    .append(" / ")
                    .append(Html.number(result.usage().outputTokens()))
                    .append("</td><td>")
                    .append(Html.money(result.usage().costUsd()))
                    .append("</td></tr>");
            if (r.failureDetail() != null) {
                out.append("<tr class=\"detail\"><td colspan=\"9\">")
                        .append(esc(r.failureDetail()))
                        .append("</td></tr>");
            } else if (result.summary() != null && !result.summary().isBlank()) {
                out.append("<tr class=\"detail\"><td colspan=\"9\">")
                        .append(esc(result.summary()))
                        .append("</td></tr>");
            }
        }
        return out.append("</tbody></table></section>").toString();
    }

    private static String toolCalls(List<Event> events) {
        List<Event> calls = events.stream()
                .filter(e -> e.type().equals(EventTypes.AGENT_TOOL_CALL))
                .toList();
        StringBuilder out = new StringBuilder("<section class=\"panel\"><h2>Tool calls <span class=\"count\">")
                .append(calls.size())
                .append("</span></h2>");
        if (calls.isEmpty())
            return out.append("<p class=\"muted\">none recorded</p></section>").toString();
        out.append("<ol class=\"tools\">");
        for (Event e : calls.subList(Math.max(0, calls.size() - TOOL_CALLS_SHOWN), calls.size())) {
            out.append("<li><b>")
                    .append(esc(e.data().get("name")))
                    .append("</b> <code>")
                    .append(esc(e.data().get("input")))
                    .append("</code></li>");
        }
        return out.append("</ol></section>").toString();
    }
}
