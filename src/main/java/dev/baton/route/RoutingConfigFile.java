package dev.baton.route;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.baton.core.InvalidInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads {@code $BATON_HOME/routing.yaml}: failover depth, capacity thresholds and per-agent daily
 * plans, which override what registration files declare.
 *
 * <pre>
 * max_failovers: 3
 * warn_at: 0.8              # warn when an agent used 80% of a daily limit
 * stop_at: 1.0              # hold work back from it at 100%
 * agents:
 *   claude-code: {messages_per_day: 200, tokens_per_day: 5000000, tier: included}
 *   api-writer:  {budget_usd_per_day: 5, tier: paid}
 * </pre>
 *
 * A missing file gives the defaults; a malformed one fails with what to fix. Stateless.
 */
public final class RoutingConfigFile {
    private static final Set<String> TOP = Set.of("max_failovers", "warn_at", "stop_at", "agents");
    private static final Set<String> AGENT = Set.of("messages_per_day", "tokens_per_day", "budget_usd_per_day", "tier");

    private RoutingConfigFile() {}

    public static RoutingConfig read(Path file) {
        if (!Files.isRegularFile(file)) return RoutingConfig.defaults();
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(file.toFile());
        } catch (IOException e) {
            throw new InvalidInputException(file + " is not valid YAML: " + e.getMessage());
        }
        if (root == null || root.isMissingNode() || root.isNull()) return RoutingConfig.defaults();
        if (!root.isObject()) throw new InvalidInputException(file + ": expected keys such as max_failovers, agents");
        unknown(file, root, TOP, "");
        RoutingConfig defaults = RoutingConfig.defaults();
        try {
            Capacity capacity = new Capacity(
                    number(file, root, "warn_at", defaults.capacity().warnAt()),
                    number(file, root, "stop_at", defaults.capacity().stopAt()));
            Map<String, AgentPlan> plans = new LinkedHashMap<>();
            JsonNode agents = root.path("agents");
            for (Map.Entry<String, JsonNode> e : agents.properties()) {
                JsonNode a = e.getValue();
                unknown(file, a, AGENT, "agents." + e.getKey() + ".");
                String tier = a.path("tier").asText("included");
                CostTier costTier;
                try {
                    costTier = CostTier.valueOf(tier.toUpperCase(Locale.ROOT));
                } catch (IllegalArgumentException bad) {
                    throw new InvalidInputException(
                            file + ": agents." + e.getKey() + ".tier must be included, paid or fallback, not " + tier);
                }
                plans.put(
                        e.getKey(),
                        new AgentPlan(
                                e.getKey(),
                                costTier,
                                a.has("messages_per_day")
                                        ? a.get("messages_per_day").asLong()
                                        : null,
                                a.has("tokens_per_day")
                                        ? a.get("tokens_per_day").asLong()
                                        : null,
                                a.has("budget_usd_per_day")
                                        ? a.get("budget_usd_per_day").asDouble()
                                        : null));
            }
            return new RoutingConfig(
                    (int) number(file, root, "max_failovers", defaults.maxFailovers()), capacity, plans);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(file + ": " + e.getMessage());
        }
    }

    private static double number(Path file, JsonNode root, String key, double fallback) {
        JsonNode node = root.get(key);
        if (node == null || node.isNull()) return fallback;
        if (!node.isNumber()) throw new InvalidInputException(file + ": " + key + " must be a number, not " + node);
        return node.asDouble();
    }

    private static void unknown(Path file, JsonNode node, Set<String> known, String prefix) {
        node.fieldNames().forEachRemaining(name -> {
            if (!known.contains(name)) {
                throw new InvalidInputException(file + ": unknown key " + prefix + name + "; known keys: "
                        + String.join(", ", known.stream().sorted().toList()));
            }
        });
    }
}
