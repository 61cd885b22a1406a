package dev.baton.server.dashboard;

/** The page frame: header with navigation, htmx and the dashboard's script. */
final class Layout {
    private Layout() {}

    static String page(String title, String active, String body, String script) {
        return """
                <!doctype html>
                <html lang="en">
                <head>
                <meta charset="utf-8">
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <title>%s · Baton</title>
                <link rel="stylesheet" href="/assets/baton.css">
                <script src="/webjars/htmx.org/2.0.10/dist/htmx.min.js"></script>
                <script src="/assets/baton.js"></script>
                </head>
                <body>
                <header class="top">
                  <a class="brand" href="/">Baton</a>
                  <nav>%s%s%s%s</nav>
                  <span id="live" class="live" title="live updates">● live</span>
                </header>
                <main>
                %s
                </main>
                %s
                </body>
                </html>
                """.formatted(
                        Html.esc(title),
                        link("/", "Board", active),
                        link("/decisions", "Decisions", active),
                        link("/agents", "Agents", active),
                        link("/charts", "Metrics", active),
                        body,
                        script == null ? "" : "<script>" + script + "</script>");
    }

    private static String link(String href, String label, String active) {
        return "<a href=\"" + href + "\"" + (label.equals(active) ? " class=\"active\"" : "") + ">" + label + "</a>";
    }
}
