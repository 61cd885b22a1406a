package dev.baton.store.internal;

import java.util.Collection;
import java.util.Map;

/**
 * Writes JSON for the store's frequent writes (task specs, event data) with a few lines of code
 * instead of Jackson's serializers. A task that reaches an idle engine runs through caches that other
 * work has emptied, and there the cost of a write follows the amount of code it runs: a spec took
 * about 0.3 ms through Jackson's mapper on the benchmark machine.
 *
 * <p>It writes exactly what the store's Jackson mapper writes for the values it knows: strings,
 * booleans, {@code Integer}, {@code Long}, {@code Short}, {@code Byte}, finite {@code Double} and
 * {@code Float}, collections, maps with string keys, and null. For anything else it answers null and
 * the caller uses the mapper ({@code StoreJsonTest} compares the two).
 */
final class JsonText {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private JsonText() {}

    /** The JSON of {@code value}, or null when it holds a value this writer leaves to Jackson. */
    static String of(Object value) {
        StringBuilder out = new StringBuilder(256);
        return append(out, value) ? out.toString() : null;
    }

    /** Appends the JSON of {@code value}; false (with {@code out} half written) for an unknown type. */
    static boolean append(StringBuilder out, Object value) {
        switch (value) {
            case null -> out.append("null");
            case String s -> string(out, s);
            case Boolean b -> out.append(b.booleanValue());
            case Integer i -> out.append(i.intValue());
            case Long l -> out.append(l.longValue());
            case Short s -> out.append(s.shortValue());
            case Byte b -> out.append(b.byteValue());
            case Double d -> {
                if (!Double.isFinite(d)) return false;
                out.append(d.doubleValue());
            }
            case Float f -> {
                if (!Float.isFinite(f)) return false;
                out.append(f.floatValue());
            }
            case Map<?, ?> map -> {
                return object(out, map);
            }
            case Collection<?> items -> {
                return array(out, items);
            }
            default -> {
                return false;
            }
        }
        return true;
    }

    private static boolean object(StringBuilder out, Map<?, ?> map) {
        out.append('{');
        boolean first = true;
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            if (!(entry.getKey() instanceof String key)) return false;
            if (!first) out.append(',');
            first = false;
            string(out, key);
            out.append(':');
            if (!append(out, entry.getValue())) return false;
        }
        out.append('}');
        return true;
    }

    private static boolean array(StringBuilder out, Collection<?> items) {
        out.append('[');
        boolean first = true;
        for (Object item : items) {
            if (!first) out.append(',');
            first = false;
            if (!append(out, item)) return false;
        }
        out.append(']');
        return true;
    }

    /** A JSON string as Jackson writes it: quote, backslash and control characters escaped, the rest as is. */
    private static void string(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20) {
                        out.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xF]);
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
