package dev.baton.server;

import dev.baton.Baton;
import dev.baton.agent.AgentHealth;
import dev.baton.agent.AgentRegistration;
import dev.baton.core.AgentLimits;
import dev.baton.core.AgentProfile;
import dev.baton.server.stats.Stats;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The agents as the API and dashboard show them: profile, registration, health (checked when the
 * server starts and then every few minutes: a check runs each agent's binary), runs now, limits,
 * today's usage and success rate. Thread-safe.
 */
public final class AgentDirectory {
    private final Baton baton;
    private final Stats stats;
    private volatile Map<String, AgentHealth> health = Map.of();

    public AgentDirectory(Baton baton, Stats stats) {
        this.baton = baton;
        this.stats = stats;
    }

    /** Checks every registered agent again (seconds: runs their binaries). */
    public void refreshHealth() {
        health = Map.copyOf(baton.health());
    }

    public List<Map<String, Object>> list() {
        Map<String, AgentRegistration> registrations = new LinkedHashMap<>();
        baton.registrations().forEach(r -> registrations.put(r.name(), r));
        Map<String, Integer> active = baton.tasks().activeRunsByAgent();
        List<Map<String, Object>> out = new ArrayList<>();
        for (AgentProfile profile : baton.agents().profiles()) {
            AgentRegistration r = registrations.get(profile.name());
            AgentHealth h = health.get(profile.name());
            AgentLimits limits = r == null ? AgentLimits.NONE : r.limits();
            Map<String, Object> view = new LinkedHashMap<>();
            view.put("name", profile.name());
            view.put("kind", profile.kind());
            view.put("status", h == null ? "available" : h.status().wireName());
            view.put("checked", h != null);
            view.put("reason", h == null ? "given to this Baton directly; not checked" : h.reason());
            view.put("fix", h == null ? null : h.fix());
            view.put("version", h == null ? null : h.version());
            view.put("capabilities", profile.capabilities().stream().sorted().toList());
            view.put("concurrency", profile.concurrency());
            view.put("running", active.getOrDefault(profile.name(), 0));
            view.put("messages_per_day", limits.messagesPerDay());
            view.put("tokens_per_request", limits.tokensPerRequest());
            view.put("tokens_per_day", limits.tokensPerDay());
            view.put("best_for", r == null ? null : r.bestFor());
            view.put("source", r == null ? null : r.source());
            view.put("today", stats.agentFigures(profile.name()));
            out.add(view);
        }
        return out;
    }

    public List<String> names() {
        return baton.agents().profiles().stream().map(AgentProfile::name).toList();
    }
}
