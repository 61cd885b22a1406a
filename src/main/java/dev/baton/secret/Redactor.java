package dev.baton.secret;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Hides secrets in text before it is stored or shown: the values of environment variables whose
 * names say they are secret ({@code *KEY*}, {@code *TOKEN*}, {@code *SECRET*}, {@code *PASSWORD*},
 * ...), the passwords in URLs among the environment's values ({@code DATABASE_URL}), and strings
 * shaped like well-known credentials ({@code sk-...}, {@code ghp_...}, AWS keys, JWTs, private key
 * blocks, {@code scheme://user:password@}, Slack webhooks, ...). Immutable; thread-safe.
 */
public final class Redactor {
    public static final String MASK = "[redacted]";

    /** Values shorter than this are not treated as secrets (too likely to appear by chance). */
    private static final int MIN_SECRET_LENGTH = 8;

    private static final Pattern SECRET_NAME =
            Pattern.compile("(?i).*(KEY|TOKEN|SECRET|PASSWORD|PASSWD|CREDENTIAL|AUTH|PRIVATE|WEBHOOK).*");

    private static final Pattern SHAPES = Pattern.compile(String.join(
            "|",
            "\\bsk-(ant-|proj-)?[A-Za-z0-9_-]{16,}",
            "\\bgh[pousr]_[A-Za-z0-9]{20,}",
            "\\bgithub_pat_[A-Za-z0-9_]{20,}",
            "\\bxox[abprs]-[A-Za-z0-9-]{10,}",
            "\\bAKIA[0-9A-Z]{16}\\b",
            "\\bAIza[0-9A-Za-z_-]{30,}",
            "\\bglpat-[A-Za-z0-9_-]{20,}",
            // a JWT: three base64url parts, the first two JSON ({"...)
            "\\beyJ[A-Za-z0-9_-]{8,}\\.eyJ[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]*",
            // a private key block, to its end (or to the end of the text when it is cut off)
            "-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----(?s:.*?)(?:-----END [A-Z0-9 ]*PRIVATE KEY-----|\\z)",
            "https://hooks\\.slack\\.com/(?:services|workflows|triggers)/[A-Za-z0-9/_-]+",
            "(?i)\\bBearer\\s+[A-Za-z0-9._~+/=-]{16,}"));

    /** The password of {@code scheme://user:password@host}: group 1 (the user stays readable). */
    private static final Pattern URL_PASSWORD =
            Pattern.compile("\\b[A-Za-z][A-Za-z0-9+.-]*://[^\\s:/@?#]*:([^\\s@/?#]+)@");

    /**
     * Text each of the {@link #SHAPES} contains (the Bearer one in any case): text with none of them
     * skips the regular expression, which costs more than these searches on the short texts of events.
     */
    private static final List<String> SHAPE_MARKS =
            List.of("sk-", "gh", "xox", "AKIA", "AIza", "glpat-", "eyJ", "-----BEGIN", "hooks.slack.com");

    public static final Redactor NONE = new Redactor(List.of(), SecretFingerprints.NONE);

    private final List<String> secrets;
    /** Secrets other Batons on the same home ran with, known by fingerprint only. */
    private final SecretFingerprints fingerprints;

    private Redactor(List<String> secrets, SecretFingerprints fingerprints) {
        this.secrets = secrets;
        this.fingerprints = fingerprints;
    }

    /** A redactor for the secrets in this environment (pass {@code System.getenv()}). */
    public static Redactor fromEnvironment(Map<String, String> env) {
        Set<String> values = new LinkedHashSet<>();
        env.forEach((name, value) -> {
            if (value == null) return;
            if (value.length() >= MIN_SECRET_LENGTH
                    && (SECRET_NAME.matcher(name).matches() || EnvironmentPolicy.isSecretShaped(name))) {
                values.add(value);
            }
            Matcher url = URL_PASSWORD.matcher(value);
            while (url.find()) {
                // DATABASE_URL's password, wherever it shows alone (in a URL the shape masks it anyway)
                if (url.group(1).length() >= MIN_SECRET_LENGTH) values.add(url.group(1));
            }
        });
        List<String> sorted = new ArrayList<>(values);
        // Longest first, so a secret that contains another is masked whole.
        sorted.sort(Comparator.comparingInt(String::length).reversed());
        return new Redactor(List.copyOf(sorted), SecretFingerprints.NONE);
    }

    /**
     * This redactor, knowing too the secrets every Baton on {@code home} has run with: its own are
     * added to the home's fingerprints first ({@link SecretFingerprints}). So {@code baton logs}
     * masks the server's keys even from a shell that lacks them.
     */
    public Redactor rememberedIn(Path home) throws IOException {
        return new Redactor(secrets, SecretFingerprints.remember(home, secrets));
    }

    /**
     * This redactor for text decoded one byte per character (ISO-8859-1) from UTF-8 bytes: the
     * spans it finds are then byte ranges. The credential shapes are ASCII and match the same.
     */
    public Redactor bytewise() {
        return new Redactor(
                secrets.stream()
                        .map(secret -> new String(secret.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1))
                        .toList(),
                fingerprints);
    }

    /** The text with every secret replaced by {@link #MASK}. */
    public String redact(String text) {
        if (text == null || text.isEmpty()) return text;
        List<int[]> spans = spans(text);
        if (spans.isEmpty()) return text;
        StringBuilder out = new StringBuilder(text.length());
        int at = 0;
        for (int[] span : spans) {
            out.append(text, at, span[0]).append(MASK);
            at = span[1];
        }
        return out.append(text, at, text.length()).toString();
    }

    /**
     * Where the secrets in {@code text} are: {@code [start, end)} character ranges, sorted, not
     * overlapping. For readers that must keep the text's own offsets (a log read in chunks).
     */
    public List<int[]> spans(String text) {
        List<int[]> found = new ArrayList<>();
        if (text == null || text.isEmpty()) return found;
        for (String secret : secrets) {
            for (int i = text.indexOf(secret); i >= 0; i = text.indexOf(secret, i + secret.length())) {
                found.add(new int[] {i, i + secret.length()});
            }
        }
        found.addAll(fingerprints.spans(text));
        if (text.contains("://")) {
            Matcher url = URL_PASSWORD.matcher(text);
            while (url.find()) found.add(new int[] {url.start(1), url.end(1)});
        }
        if (mayHoldShape(text)) {
            Matcher shape = SHAPES.matcher(text);
            while (shape.find()) found.add(new int[] {shape.start(), shape.end()});
        }
        return merged(found);
    }

    private static List<int[]> merged(List<int[]> spans) {
        if (spans.size() < 2) return spans;
        spans.sort(Comparator.comparingInt((int[] s) -> s[0]));
        List<int[]> out = new ArrayList<>();
        int[] current = spans.getFirst().clone();
        for (int[] span : spans.subList(1, spans.size())) {
            if (span[0] <= current[1]) {
                current[1] = Math.max(current[1], span[1]);
            } else {
                out.add(current);
                current = span.clone();
            }
        }
        out.add(current);
        return out;
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
