package dev.baton.server.dashboard;

/** Charts of throughput, success rate, p95 run duration, queue depth and cost per day (Chart.js). */
final class ChartsView {
    private ChartsView() {}

    static String page() {
        String body = """
                <h1>Metrics</h1>
                <p class="muted">Runs of the last 14 days (UTC). Prometheus scrapes <a href="/metrics">/metrics</a>;
                the figures below come from <a href="/api/metrics">/api/metrics</a>.</p>
                <div class="charts">
                  <section class="panel"><h2>Throughput (runs finished per hour, 24 h)</h2><canvas id="chart-throughput"></canvas></section>
                  <section class="panel"><h2>Success rate per day</h2><canvas id="chart-success"></canvas></section>
                  <section class="panel"><h2>p95 run duration per day (s)</h2><canvas id="chart-p95"></canvas></section>
                  <section class="panel"><h2>Queue depth (since the server started)</h2><canvas id="chart-queue"></canvas></section>
                  <section class="panel"><h2>Cost per day (USD)</h2><canvas id="chart-cost"></canvas></section>
                </div>
                <script src="/webjars/chart.js/4.5.1/dist/chart.umd.min.js"></script>
                """;
        return Layout.page("Metrics", "Metrics", body, "Baton.charts();");
    }
}
