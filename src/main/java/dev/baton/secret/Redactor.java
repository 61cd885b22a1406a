package dev.baton.secret;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Hides secrets in text before it is stored or shown: the values of environment variables whose
 * names say they are secret ({@code *KEY*}, {@code *TOKEN*}, {@code *SECRET*}, {@code *PASSWORD*},
 * ...), and strings shaped like well-known credentials ({@code sk-...}, {@code ghp_...}, AWS keys,
 * ...). Immutable; thread-safe.
 */
public final class Redactor {
    public static final String MASK = "[redacted]";

    /** Values shorter than this are not treated as secrets (too likely to appear by chance). */
    private static final int MIN_SECRET_LENGTH = 8;

    private static final Pattern SECRET_NAME =
            Pattern.compile("(?i).*(KEY|TOKEN|SECRET|PASSWORD|PASSWD|CREDENTIAL|AUTH|PRIVATE).*");

    private static final Pattern SHAPES = Pattern.compile(String.join(
            "|",
            "\\bsk-(ant-|proj-)?[A-Za-z0-9_-]{16,}",
            "\\bgh[pousr]_[A-Za-z0-9]{20,}",
            "\\bgithub_pat_[A-Za-z0-9_]{20,}",
            "\\bxox[abprs]-[A-Za-z0-9-]{10,}",
            "\\bAKIA[0-9A-Z]{16}\\b",
            "\\bAIza[0-9A-Za-z_-]{30,}",
            "\\bglpat-[A-Za-z0-9_-]{20,}",
            "(?i)\\bBearer\\s+[A-Za-z0-9._~+/=-]{16,}"));

    /**
     * Text each of the {@link #SHAPES} contains (the Bearer one in any case): text with none of them
     * skips the regular expression, which costs more than these searches on the short texts of events.
     */
    private static final List<String> SHAPE_MARKS = List.of("sk-", "gh", "xox", "AKIA", "AIza", "glpat-");

    public static final Redactor NONE = new Redactor(List.of());

    private final List<String> secrets;

    private Redactor(List<String> secrets) {
        this.secrets = secrets;
    }

    /** A redactor for the secrets in this environment (pass {@code System.getenv()}). */
    public static Redactor fromEnvironment(Map<String, String> env) {
        List<String> values = new ArrayList<>();
        env.forEach((name, value) -> {
            if (value != null
                    && value.length() >= MIN_SECRET_LENGTH
                    && SECRET_NAME.matcher(name).matches()) {
                values.add(value);
            }
        });
        // Longest first, so a secret that contains another is masked whole.
        values.sort(Comparator.comparingInt(String::length).reversed());
        return new Redactor(List.copyOf(values));
    }

    /** The text with every secret replaced by {@link #MASK}. */
    public String redact(String text) {
        if (text == null || text.isEmpty()) return text;
        String out = text;
        for (String secret : secrets) {
            if (out.contains(secret)) out = out.replace(secret, MASK);
        }
        if (!mayHoldShape(out)) return out;
        Matcher m = SHAPES.matcher(out);
        return m.find() ? m.replaceAll(MASK) : out;
    }

    private static boolean mayHoldShape(String text) {
        for (String mark : SHAPE_MARKS) {
            if (text.contains(mark)) return true;
        }
        for (int i = 0; i + 6 <= text.length(); i++) {
            char c = text.charAt(i);
            if ((c == 'b' || c == 'B') && text.regionMatches(true, i, "bearer", 0, 6)) return true;
        }
        return false;
    }

    /** A copy of structured data with every string in it redacted (nested maps and lists too). */
    public Map<String, Object> redact(Map<String, Object> data) {
        Map<String, Object> out = new LinkedHashMap<>();
        data.forEach((k, v) -> out.put(k, redactValue(v)));
        return out;
    }

    @SuppressWarnings("unchecked")
    private Object redactValue(Object value) {
        if (value instanceof String s) return redact(s);
        if (value instanceof Map<?, ?> m) return redact((Map<String, Object>) m);
        if (value instanceof List<?> l) return l.stream().map(this::redactValue).toList();
        return value;
    }
}
