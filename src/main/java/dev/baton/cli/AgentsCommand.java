package dev.baton.cli;

import dev.baton.Baton;
import dev.baton.agent.AgentHealth;
import dev.baton.agent.AgentRegistration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "agents", description = "List the agents Baton found and whether each can work now.")
final class AgentsCommand implements Callable<Integer> {
    @Mixin
    HomeOption home;

    @Option(names = "--json", description = "Print JSON")
    boolean json;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        var out = spec.commandLine().getOut();
        try (Baton baton = home.open()) {
            Map<String, AgentHealth> health = baton.health();
            List<AgentRegistration> agents = baton.registrations();
            if (json) {
                out.println(Json.write(agents.stream()
                        .map(r -> view(r, health.get(r.name()), baton.environmentNames(r.profile())))
                        .toList()));
                return Main.OK;
            }
            Table table = new Table("NAME", "KIND", "STATUS", "VERSION", "CAPABILITIES", "AT ONCE", "WHY / SOURCE");
            for (AgentRegistration r : agents) {
                AgentHealth h = health.get(r.name());
                table.row(
                        r.name(),
                        r.profile().kind(),
                        h.status().wireName(),
                        Table.shorten(h.version(), 24),
                        String.join(",", r.profile().capabilities()),
                        r.profile().concurrency(),
                        h.usable() ? r.source() : h.reason());
            }
            table.print(out);
            if (health.values().stream().anyMatch(h -> !h.usable())) {
                out.println();
                out.println("'baton doctor' says what to do about the agents that cannot work.");
            }
        }
        return Main.OK;
    }

    /** @param envNames the variables the agent gets, by name only: a value may be a secret */
    static Map<String, Object> view(AgentRegistration r, AgentHealth h, List<String> envNames) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", r.name());
        out.put("kind", r.profile().kind());
        out.put("type", r.type());
        out.put("status", h.status().wireName());
        out.put("version", h.version());
        out.put("reason", h.reason());
        out.put("fix", h.fix());
        out.put("capabilities", r.profile().capabilities());
        out.put("concurrency", r.profile().concurrency());
        out.put("messages_per_day", r.limits().messagesPerDay());
        out.put("tokens_per_request", r.limits().tokensPerRequest());
        out.put("tokens_per_day", r.limits().tokensPerDay());
        out.put("auth_method", r.authMethod());
        out.put("auth_location", r.authLocation());
        out.put("env_passthrough", r.profile().envPassthrough());
        out.put("env_names", envNames);
        out.put("best_for", r.bestFor());
        out.put("limitations", r.limitations());
        out.put("source", r.source());
        return out;
    }
}
