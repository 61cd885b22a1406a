package dev.baton.route;

import dev.baton.core.InvalidInputException;
import dev.baton.format.YamlDocument;
import dev.baton.format.YamlException;
import dev.baton.format.YamlReader;
import dev.baton.format.YamlValues;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

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
 * A missing file gives the defaults; a malformed one fails with the line and what to fix. The YAML
 * is read by Baton's one {@link YamlReader}. Stateless.
 */
public final class RoutingConfigFile {
    private static final Set<String> TOP = Set.of("max_failovers", "warn_at", "stop_at", "agents");
    private static final Set<String> AGENT = Set.of("messages_per_day", "tokens_per_day", "budget_usd_per_day", "tier");
    private static final int MAX_CHARS = 256 * 1024;

    private RoutingConfigFile() {}

    public static RoutingConfig read(Path file) {
        if (!Files.isRegularFile(file)) return RoutingConfig.defaults();
        String text;
        try {
            if (Files.size(file) > MAX_CHARS) {
                throw new InvalidInputException(file + ":1: the file is larger than " + MAX_CHARS + " bytes");
            }
            text = Files.readString(file);
        } catch (IOException e) {
            throw new InvalidInputException(file + ":1: the file cannot be read: " + e.getMessage());
        }
        try {
            return new Reading(file, new YamlReader("the file", MAX_CHARS).read(text)).config();
        } catch (YamlException e) {
            throw new InvalidInputException(file + ":" + e.line() + ": " + e.problem());
        }
    }

    /** One read of the file: the document and what its values have cost so far. */
    private record Reading(Path file, YamlDocument document, YamlValues.Budget budget) {
        Reading(Path file, YamlDocument document) {
            this(file, document, new YamlValues.Budget(MAX_CHARS));
        }

        RoutingConfig config() {
            if (document.isEmpty()) return RoutingConfig.defaults();
            Map<String, Node> top = fields(document.root(), TOP, "", "expected keys such as max_failovers, agents");
            RoutingConfig defaults = RoutingConfig.defaults();
            Capacity capacity = located(
                    document.root(),
                    () -> new Capacity(
                            number(top, "warn_at", defaults.capacity().warnAt()),
                            number(top, "stop_at", defaults.capacity().stopAt())));
            Map<String, AgentPlan> plans = new LinkedHashMap<>();
            Node agents = top.get("agents");
            if (agents != null && !YamlValues.isNull(agents)) {
                if (!(agents instanceof MappingNode mapping)) {
                    throw error(agents, "agents must be 'name: {messages_per_day: ...}' lines");
                }
                for (NodeTuple tuple : mapping.getValue()) {
                    String name = ((ScalarNode) tuple.getKeyNode()).getValue();
                    plans.put(name, plan(name, tuple.getValueNode()));
                }
            }
            int maxFailovers = (int) number(top, "max_failovers", defaults.maxFailovers());
            return located(document.root(), () -> new RoutingConfig(maxFailovers, capacity, plans));
        }

        private AgentPlan plan(String name, Node node) {
            String prefix = "agents." + name + ".";
            Map<String, Node> fields = YamlValues.isNull(node)
                    ? Map.of()
                    : fields(
                            node,
                            AGENT,
                            prefix,
                            prefix.substring(0, prefix.length() - 1) + " must be 'key: value' pairs");
            Object tierValue = value(fields.get("tier"), "tier");
            String tier = tierValue == null ? "included" : String.valueOf(tierValue);
            CostTier costTier;
            try {
                costTier = CostTier.valueOf(tier.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException bad) {
                throw error(fields.get("tier"), prefix + "tier must be included, paid or fallback, not " + tier);
            }
            Number messages = numberOrNull(fields, "messages_per_day", prefix);
            Number tokens = numberOrNull(fields, "tokens_per_day", prefix);
            Number budget = numberOrNull(fields, "budget_usd_per_day", prefix);
            return located(
                    node,
                    () -> new AgentPlan(
                            name,
                            costTier,
                            messages == null ? null : messages.longValue(),
                            tokens == null ? null : tokens.longValue(),
                            budget == null ? null : budget.doubleValue()));
        }

        private Map<String, Node> fields(Node node, Set<String> known, String prefix, String notAMapping) {
            if (!(node instanceof MappingNode mapping)) throw error(node, notAMapping);
            Map<String, Node> out = new LinkedHashMap<>();
            for (NodeTuple tuple : mapping.getValue()) {
                String key = ((ScalarNode) tuple.getKeyNode()).getValue();
                if (!known.contains(key)) {
                    throw error(
                            tuple.getKeyNode(),
                            "unknown key " + prefix + key + "; known keys: "
                                    + String.join(", ", known.stream().sorted().toList()));
                }
                out.put(key, tuple.getValueNode());
            }
            return out;
        }

        private double number(Map<String, Node> fields, String key, double fallback) {
            Number value = numberOrNull(fields, key, "");
            return value == null ? fallback : value.doubleValue();
        }

        private Number numberOrNull(Map<String, Node> fields, String key, String prefix) {
            Node node = fields.get(key);
            Object value = value(node, key);
            if (value == null) return null;
            if (!(value instanceof Number number)) {
                throw error(node, prefix + key + " must be a number, not " + YamlValues.describe(node));
            }
            return number;
        }

        private Object value(Node node, String field) {
            return node == null ? null : YamlValues.plain(document, field, node, budget);
        }

        /** A record's own check (a threshold out of range), reported on the line of what it was built from. */
        private <T> T located(Node node, java.util.function.Supplier<T> build) {
            try {
                return build.get();
            } catch (IllegalArgumentException e) {
                throw error(node, e.getMessage());
            }
        }

        private InvalidInputException error(Node node, String problem) {
            return new InvalidInputException(file + ":" + document.lineOf(node) + ": " + problem);
        }
    }
}
