package dev.baton.format;

import java.math.BigInteger;
import java.time.temporal.Temporal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Turns nodes of a {@link YamlDocument} into plain Java values (String, Integer/Long/BigInteger,
 * Double, Boolean, List, Map in file order, null; timestamps as ISO text), reads single scalars
 * (whole numbers, booleans) and describes nodes in error messages. Aliases are expanded within a
 * {@link Budget}, so that a few aliases cannot multiply into millions of values. Stateless.
 */
public final class YamlValues {
    public static final int MAX_VALUES = 10_000;

    private static final Set<String> YAML_1_1_BOOLEANS = Set.of("yes", "no", "on", "off", "y", "n");

    private YamlValues() {}

    /**
     * How much one document's converted values may expand to, all fields together. Not
     * thread-safe: one per document.
     */
    public static final class Budget {
        private final int maxChars;
        private int values;
        private long chars;

        public Budget(int maxChars) {
            this.maxChars = maxChars;
        }
    }

    /** Converts one top-level field's value, charging what it expands to against the budget. */
    public static Object plain(YamlDocument document, String field, Node node, Budget budget) {
        return new Conversion(document, field, node, budget).convert(node);
    }

    /** The whole number a scalar spells in the core schema (also {@code 0x1f}, {@code 0o17}), or null. */
    public static BigInteger integer(ScalarNode scalar) {
        String text = scalar.getValue().strip();
        boolean negative = text.startsWith("-");
        String digits = text.startsWith("-") || text.startsWith("+") ? text.substring(1) : text;
        try {
            BigInteger value;
            if (digits.startsWith("0x")) {
                value = new BigInteger(digits.substring(2), 16);
            } else if (digits.startsWith("0o")) {
                value = new BigInteger(digits.substring(2), 8);
            } else if (digits.matches("[0-9]+")) {
                value = new BigInteger(digits);
            } else {
                return null;
            }
            return negative ? value.negate() : value;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /**
     * The boolean a scalar spells: {@code true} or {@code false} in any case, quoted or not. Null
     * for anything else, {@code yes} and {@code on} included: YAML 1.2 reads those as text.
     */
    public static Boolean bool(ScalarNode scalar) {
        return switch (scalar.getValue().strip().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> null;
        };
    }

    /** What to tell someone who wrote {@code text} where true or false belongs. */
    public static String notABoolean(String text) {
        return "write true or false, not '" + text + "'" + yaml11Hint(text);
    }

    /** Why {@code yes}, {@code no}, {@code on} or {@code off} is not a boolean here; empty for other text. */
    public static String yaml11Hint(String text) {
        return YAML_1_1_BOOLEANS.contains(text.strip().toLowerCase(Locale.ROOT))
                ? " (YAML 1.2, which Baton reads, takes yes, no, on and off as text)"
                : "";
    }

    /** A short description for messages: "the number 5", "a list", "the text 'soon'". */
    public static String describe(Node node) {
        if (node instanceof SequenceNode) {
            return "a list";
        }
        if (node instanceof MappingNode) {
            return "a mapping ('key: value' pairs)";
        }
        ScalarNode scalar = (ScalarNode) node;
        Tag tag = scalar.getTag();
        if (tag.equals(Tag.INT) || tag.equals(Tag.FLOAT)) {
            return "the number " + scalar.getValue();
        }
        if (tag.equals(Tag.BOOL)) {
            return "the value " + scalar.getValue().toLowerCase(Locale.ROOT);
        }
        if (tag.equals(Tag.NULL)) {
            return "an empty value";
        }
        String text = scalar.getValue();
        return "the text '" + (text.length() > 60 ? text.substring(0, 57) + "..." : text) + "'";
    }

    /** An empty value: nothing, {@code ~} or {@code null}. */
    public static boolean isNull(Node node) {
        return node instanceof ScalarNode scalar && scalar.getTag().equals(Tag.NULL);
    }

    private static final class Conversion {
        private final YamlDocument document;
        private final String field;
        /** The field's value: where expansion problems are reported, since an alias's target may be far off. */
        private final Node root;

        private final Budget budget;
        private final Set<Node> path = Collections.newSetFromMap(new IdentityHashMap<>());

        Conversion(YamlDocument document, String field, Node root, Budget budget) {
            this.document = document;
            this.field = field;
            this.root = root;
            this.budget = budget;
        }

        Object convert(Node node) {
            if (++budget.values > MAX_VALUES) {
                throw document.error(
                        root,
                        field,
                        "the values hold more than " + MAX_VALUES + " values (an alias counts each time it is"
                                + " used); keep them small");
            }
            if (node instanceof ScalarNode scalar) {
                budget.chars += scalar.getValue().length();
                if (budget.chars > budget.maxChars) {
                    throw document.error(
                            root,
                            field,
                            "the values hold more than " + budget.maxChars + " characters (an alias counts each"
                                    + " time it is used); keep them small");
                }
                return scalar(scalar);
            }
            if (!path.add(node)) {
                throw document.error(root, field, "the value contains itself (through an alias); write it out");
            }
            try {
                return node instanceof SequenceNode sequence ? list(sequence) : map((MappingNode) node);
            } finally {
                path.remove(node);
            }
        }

        private List<Object> list(SequenceNode sequence) {
            List<Object> out = new ArrayList<>(sequence.getValue().size());
            for (Node item : sequence.getValue()) {
                out.add(convert(item));
            }
            return Collections.unmodifiableList(out);
        }

        /** Keys were checked by the reader: plain text, each once. */
        private Map<String, Object> map(MappingNode mapping) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (NodeTuple tuple : mapping.getValue()) {
                out.put(((ScalarNode) tuple.getKeyNode()).getValue(), convert(tuple.getValueNode()));
            }
            return Collections.unmodifiableMap(out);
        }

        private Object scalar(ScalarNode scalar) {
            Tag tag = scalar.getTag();
            String text = scalar.getValue();
            if (tag.equals(Tag.NULL)) {
                return null;
            }
            if (tag.equals(Tag.BOOL)) {
                return Boolean.valueOf(text.strip().toLowerCase(Locale.ROOT));
            }
            if (tag.equals(Tag.INT)) {
                BigInteger value = integer(scalar);
                if (value == null) {
                    throw document.error(scalar, field, "'" + text + "' is tagged !!int but is not a whole number");
                }
                return narrow(value);
            }
            if (tag.equals(Tag.FLOAT)) {
                return floatingPoint(scalar);
            }
            if (tag.equals(Tag.TIMESTAMP)) {
                Temporal time = Timestamps.parse(text);
                return time == null ? text : Timestamps.iso(time);
            }
            return text;
        }

        private Double floatingPoint(ScalarNode scalar) {
            String text = scalar.getValue().strip();
            String lower = text.toLowerCase(Locale.ROOT);
            if (lower.endsWith(".inf")) {
                return lower.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
            }
            if (lower.equals(".nan")) {
                return Double.NaN;
            }
            try {
                return Double.valueOf(text);
            } catch (NumberFormatException e) {
                throw document.error(scalar, field, "'" + text + "' is tagged !!float but is not a number");
            }
        }

        private static Number narrow(BigInteger value) {
            if (value.bitLength() < Integer.SIZE) {
                return value.intValue();
            }
            if (value.bitLength() < Long.SIZE) {
                return value.longValue();
            }
            return value;
        }
    }
}
