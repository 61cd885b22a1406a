package dev.baton.server.stats;

import dev.baton.core.Event;
import dev.baton.core.EventTypes;
import dev.baton.core.TaskStatus;
import dev.baton.server.events.EventHub;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.function.IntSupplier;

/** The Prometheus registry behind {@code /metrics}: tasks, runs, events, live clients, HTTP, JVM. */
public final class ServerMetrics {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

    public ServerMetrics(Stats stats, EventHub hub, IntSupplier sseClients, IntSupplier wsClients) {
        for (TaskStatus status : TaskStatus.values()) {
            Gauge.builder("baton.tasks", stats, s -> s.taskCounts().get(status))
                    .description("Tasks by status")
                    .tag("status", status.wireName())
                    .register(registry);
        }
        Gauge.builder("baton.queue.depth", stats, Stats::queueDepth)
                .description("Tasks waiting to run (queued, retrying, waiting for approval)")
                .register(registry);
        Gauge.builder("baton.stream.clients", sseClients::getAsInt)
                .tag("transport", "sse")
                .register(registry);
        Gauge.builder("baton.stream.clients", wsClients::getAsInt)
                .tag("transport", "websocket")
                .register(registry);
        FunctionCounter.builder("baton.events.published", hub, EventHub::publishedCount)
                .description("Events read from the log and fanned out to live clients")
                .register(registry);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        hub.listen(this::record);
    }

    private void record(List<Event> batch) {
        for (Event e : batch) {
            if (!e.type().equals(EventTypes.RUN_FINISHED)) continue;
            String status = String.valueOf(e.data().get("status"));
            Counter.builder("baton.runs.finished")
                    .tag("status", status)
                    .register(registry)
                    .increment();
            if (e.data().get("duration_ms") instanceof Number ms) {
                Timer.builder("baton.run.duration")
                        .publishPercentiles(0.5, 0.95)
                        .tag("status", status)
                        .register(registry)
                        .record(Duration.ofMillis(ms.longValue()));
            }
        }
    }

    public void recordRequest(String method, String route, int status, long nanos) {
        Timer.builder("baton.http.requests")
                .tag("method", method)
                .tag("route", route)
                .tag("status", Integer.toString(status))
                .register(registry)
                .record(Duration.ofNanos(nanos));
    }

    public String scrape() {
        return registry.scrape();
    }
}
