package dev.baton.route;

import dev.baton.core.Event;
import dev.baton.core.EventTypes;
import dev.baton.core.TaskId;
import dev.baton.store.Store;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A task's routing history from its events: each choice with its explanation, each failover and hold. */
public final class RoutingSteps {
    private RoutingSteps() {}

    public static List<Map<String, Object>> of(Store store, TaskId task) {
        List<Map<String, Object>> steps = new ArrayList<>();
        for (Event e : store.eventsOf(task, 0, 10_000)) {
            String kind =
                    switch (e.type()) {
                        case EventTypes.TASK_ROUTED -> "routed";
                        case RoutingEvents.TASK_FAILOVER -> "failover";
                        case RoutingEvents.TASK_HELD -> "held";
                        default -> null;
                    };
            if (kind == null) continue;
            Map<String, Object> step = new LinkedHashMap<>();
            step.put("at", e.at().toString());
            step.put("step", kind);
            step.putAll(e.data());
            steps.add(step);
        }
        return steps;
    }

    public static String line(Map<String, Object> step) {
        return switch (String.valueOf(step.get("step"))) {
            case "routed" -> "attempt " + step.get("attempt") + " → " + step.get("why");
            case "failover" ->
                "failover " + step.get("hop") + "/" + step.get("max") + ": " + step.get("from") + " stopped ("
                        + step.get("reason") + "), moving to " + step.get("to");
            default -> "held: " + step.get("why");
        };
    }
}
