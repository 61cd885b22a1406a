package dev.baton.server.dashboard;

import static dev.baton.server.dashboard.Html.esc;

import dev.baton.core.Decision;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The decisions inbox: pending questions with approve and reject buttons, and the latest answers. */
final class DecisionsView {
    private DecisionsView() {}

    static String page(List<Decision> pending, List<Decision> answered, Instant now) {
        String body = "<h1>Decisions</h1><section id=\"decisions\" hx-get=\"/ui/decisions\""
                + " hx-trigger=\"baton:decisions from:body\" hx-swap=\"innerHTML\">"
                + list(pending, answered, now) + "</section>";
        return Layout.page("Decisions", "Decisions", body, "Baton.decisions();");
    }

    static String list(List<Decision> pending, List<Decision> answered, Instant now) {
        StringBuilder out = new StringBuilder();
        if (pending.isEmpty()) {
            out.append("<p class=\"empty\" id=\"no-decisions\">Nothing waits for a decision.</p>");
        }
        for (Decision d : pending) out.append(card(d, now));
        if (!answered.isEmpty()) {
            out.append("<h2>Answered</h2><table class=\"answers\"><tr><th>Decision</th><th>Task</th><th>Kind</th>"
                    + "<th>Answer</th><th>By</th><th>Why</th></tr>");
            for (Decision d : answered) {
                out.append("<tr data-decision-id=\"")
                        .append(esc(d.id()))
                        .append("\"><td>")
                        .append(esc(d.id()))
                        .append("</td><td><a href=\"/tasks/")
                        .append(esc(d.taskId()))
                        .append("\">")
                        .append(esc(d.taskId()))
                        .append("</a></td><td>")
                        .append(esc(d.kind().wireName()))
                        .append("</td><td>")
                        .append(Html.badge(d.status().wireName()))
                        .append("</td><td>")
                        .append(esc(d.answeredBy()))
                        .append("</td><td>")
                        .append(esc(d.reason()))
                        .append("</td></tr>");
            }
            out.append("</table>");
        }
        return out.toString();
    }

    private static String card(Decision d, Instant now) {
        String id = esc(d.id());
        StringBuilder details = new StringBuilder();
        for (Map.Entry<String, Object> e : d.details().entrySet()) {
            details.append("<dt>")
                    .append(esc(e.getKey()))
                    .append("</dt><dd><code>")
                    .append(esc(e.getValue()))
                    .append("</code></dd>");
        }
        return """
                <article class="panel decision" data-decision-id="%s" data-kind="%s">
                  <header><b>%s</b> · task <a href="/tasks/%s">%s</a> · %s%s</header>
                  <p class="question">%s</p>
                  <dl>%s</dl>
                  <form hx-post="/ui/decisions/%s/answer" hx-target="closest article" hx-swap="outerHTML">
                    <label for="why-%s">Why (required to reject)</label>
                    <input id="why-%s" name="why" type="text" maxlength="2000">
                    <button type="submit" name="answer" value="approve" class="approve">Approve</button>
                    <button type="submit" name="answer" value="reject" class="reject">Reject</button>
                  </form>
                </article>
                """.formatted(
                        id,
                        esc(d.kind().wireName()),
                        esc(d.kind().wireName().replace('_', ' ')),
                        esc(d.taskId()),
                        esc(d.taskId()),
                        esc(Html.ago(d.createdAt(), now)),
                        d.expiresAt() == null ? "" : " · expires " + esc(d.expiresAt()),
                        esc(d.question()),
                        details,
                        id,
                        id,
                        id);
    }

    /** What replaces a card once it is answered (or why it could not be). */
    static String answered(Decision d) {
        return "<p class=\"ok answered\" data-decision-id=\"" + esc(d.id()) + "\" data-status=\""
                + esc(d.status().wireName()) + "\">" + esc(d.id()) + " "
                + esc(d.status().wireName()) + " by "
                + esc(d.answeredBy()) + (d.reason() == null ? "" : ": " + esc(d.reason())) + "</p>";
    }
}
