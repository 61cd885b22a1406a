package dev.baton.server.dashboard;

import static dev.baton.server.dashboard.Html.esc;

import dev.baton.core.Task;
import dev.baton.core.TaskStatus;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The board: tasks in four columns by status, and the form to submit one. */
final class BoardView {
    private static final Map<String, Set<TaskStatus>> COLUMNS = new java.util.LinkedHashMap<>();

    static {
        COLUMNS.put("Queued", EnumSet.of(TaskStatus.QUEUED, TaskStatus.WAITING_APPROVAL, TaskStatus.RETRYING));
        COLUMNS.put("Running", EnumSet.of(TaskStatus.ROUTED, TaskStatus.RUNNING, TaskStatus.VERIFYING));
        COLUMNS.put("Completed", EnumSet.of(TaskStatus.COMPLETED));
        COLUMNS.put("Failed", EnumSet.of(TaskStatus.FAILED, TaskStatus.CANCELLED));
    }

    private BoardView() {}

    static String page(List<Task> tasks, List<String> agents, Map<String, Object> status, Instant now) {
        String body = """
                <section class="summary" id="summary" hx-get="/ui/summary" hx-trigger="baton:tasks from:body" hx-swap="innerHTML">%s</section>
                <div class="layout-board">
                %s
                <aside class="panel submit">
                  <h2>New task</h2>
                  <form id="task-form" hx-post="/ui/tasks" hx-target="#form-result" hx-swap="innerHTML">
                    <label for="text">What to do</label>
                    <textarea id="text" name="text" rows="5" required maxlength="100000"
                      placeholder="For the command agent: a shell command, e.g. make test"></textarea>
                    <div class="row">
                      <div><label for="agent">Agent</label>
                      <select id="agent" name="agent"><option value="">any</option>%s</select></div>
                      <div><label for="priority">Priority</label>
                      <select id="priority" name="priority">
                        <option value="high">high</option><option value="medium" selected>medium</option><option value="low">low</option>
                      </select></div>
                    </div>
                    <label for="repo">Repository on the server (optional)</label>
                    <input id="repo" name="repo" type="text" maxlength="4096" placeholder="/path/to/a/git/repository">
                    <button type="submit">Queue task</button>
                  </form>
                  <div id="form-result" aria-live="polite"></div>
                </aside>
                </div>
                """.formatted(summary(status), board(tasks, now), agentOptions(agents));
        return Layout.page("Board", "Board", body, "Baton.board();");
    }

    static String summary(Map<String, Object> status) {
        return "<div class=\"stat\"><b>" + esc(status.get("queue_depth")) + "</b> queued</div>"
                + "<div class=\"stat\"><b>" + esc(status.get("running")) + "</b> running</div>"
                + "<div class=\"stat\"><b>" + esc(status.get("throughput_per_hour")) + "</b> runs finished / h</div>"
                + "<div class=\"stat\"><b>" + Html.percent(status.get("success_rate_24h"))
                + "</b> success (24 h)</div>";
    }

    static String board(List<Task> tasks, Instant now) {
        StringBuilder out = new StringBuilder("<div id=\"board\" class=\"board\" hx-get=\"/ui/board\""
                + " hx-trigger=\"baton:tasks from:body\" hx-swap=\"outerHTML\">");
        COLUMNS.forEach((name, statuses) -> {
            List<Task> column =
                    tasks.stream().filter(t -> statuses.contains(t.status())).toList();
            out.append("<section class=\"column\" data-column=\"")
                    .append(name.toLowerCase())
                    .append("\">");
            out.append("<h2>")
                    .append(name)
                    .append(" <span class=\"count\">")
                    .append(column.size())
                    .append("</span></h2>");
            if (column.isEmpty()) out.append("<p class=\"empty\">none</p>");
            for (Task t : column.stream().limit(100).toList()) {
                out.append("<a class=\"card\" href=\"/tasks/")
                        .append(esc(t.id()))
                        .append("\" data-task-id=\"")
                        .append(esc(t.id()))
                        .append("\" data-status=\"")
                        .append(t.status().wireName())
                        .append("\">");
                out.append("<div class=\"card-title\">")
                        .append(esc(t.spec().title()))
                        .append("</div>");
                out.append("<div class=\"card-meta\">")
                        .append(Html.badge(t.status().wireName()))
                        .append(" <code>")
                        .append(esc(t.id()))
                        .append("</code> ")
                        .append(t.agent() == null ? "" : "· " + esc(t.agent()) + " ")
                        .append("· ")
                        .append(Html.ago(t.updatedAt(), now))
                        .append("</div></a>");
            }
            out.append("</section>");
        });
        return out.append("</div>").toString();
    }

    private static String agentOptions(List<String> agents) {
        StringBuilder out = new StringBuilder();
        for (String a : agents)
            out.append("<option value=\"")
                    .append(esc(a))
                    .append("\">")
                    .append(esc(a))
                    .append("</option>");
        return out.toString();
    }
}
