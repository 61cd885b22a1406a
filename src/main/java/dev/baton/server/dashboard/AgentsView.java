package dev.baton.server.dashboard;

import static dev.baton.server.dashboard.Html.esc;

import java.util.List;
import java.util.Map;

/** The agents: status, limits, runs now, today's usage and success rates. */
final class AgentsView {
    private AgentsView() {}

    @SuppressWarnings("unchecked")
    static String page(List<Map<String, Object>> agents) {
        StringBuilder rows = new StringBuilder();
        for (Map<String, Object> a : agents) {
            Map<String, Object> today = (Map<String, Object>) a.get("today");
            rows.append("<tr data-agent=\"")
                    .append(esc(a.get("name")))
                    .append("\"><td><b>")
                    .append(esc(a.get("name")))
                    .append("</b><div class=\"muted\">")
                    .append(esc(a.get("kind")))
                    .append(a.get("version") == null ? "" : " · " + esc(a.get("version")))
                    .append("</div></td><td>")
                    .append(Html.badge(String.valueOf(a.get("status"))))
                    .append("<div class=\"muted\">")
                    .append(esc(a.get("reason")))
                    .append("</div>")
                    .append(a.get("fix") == null ? "" : "<div class=\"fix\">" + esc(a.get("fix")) + "</div>")
                    .append("</td><td>")
                    .append(esc(a.get("running")))
                    .append(" / ")
                    .append(esc(a.get("concurrency")))
                    .append("</td><td>")
                    .append(limits(a))
                    .append("</td><td>")
                    .append(Html.number(today.get("runs")))
                    .append(" runs<div class=\"muted\">")
                    .append(Html.number(today.get("input_tokens")))
                    .append(" in / ")
                    .append(Html.number(today.get("output_tokens")))
                    .append(" out · ")
                    .append(Html.money(today.get("cost_usd")))
                    .append("</div></td><td>")
                    .append(Html.percent(today.get("success_rate")))
                    .append("<div class=\"muted\">of ")
                    .append(esc(today.get("finished_runs")))
                    .append(" runs (14 d)</div></td><td>")
                    .append(esc(String.join(", ", (List<String>) a.get("capabilities"))))
                    .append("</td></tr>");
        }
        String body =
                """
                <h1>Agents</h1>
                <section class="panel">
                <table class="agents"><thead><tr><th>Agent</th><th>Status</th><th>Running / at once</th><th>Limits</th>
                <th>Today</th><th>Success rate</th><th>Capabilities</th></tr></thead>
                <tbody>%s</tbody></table>
                </section>
                """.formatted(rows.isEmpty() ? "<tr><td colspan=\"7\" class=\"muted\">no agents</td></tr>" : rows);
        return Layout.page("Agents", "Agents", body, "Baton.live();");
    }

    private static String limits(Map<String, Object> a) {
        StringBuilder out = new StringBuilder();
        if (a.get("messages_per_day") != null)
            out.append(Html.number(a.get("messages_per_day"))).append(" runs/day<br>");
        if (a.get("tokens_per_day") != null)
            out.append(Html.number(a.get("tokens_per_day"))).append(" tokens/day<br>");
        if (a.get("tokens_per_request") != null)
            out.append(Html.number(a.get("tokens_per_request"))).append(" tokens/run");
        return out.isEmpty() ? "<span class=\"muted\">none declared</span>" : out.toString();
    }
}
