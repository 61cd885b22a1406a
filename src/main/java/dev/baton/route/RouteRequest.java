package dev.baton.route;

import java.util.Set;

/** What the router needs to know about a task: its type, required capabilities and preferred agent (or null). */
public record RouteRequest(String type, Set<String> requires, String preferredAgent) {
    public RouteRequest {
        requires = Set.copyOf(requires);
    }
}
