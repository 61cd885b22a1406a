package dev.baton.server.dashboard;

import java.time.Duration;
import java.time.Instant;

/** HTML text helpers: every value from a task, an agent or an event goes through {@link #esc}. */
final class Html {
    private Html() {}

    static String esc(Object value) {
        if (value == null) return "";
        String s = value.toString();
        StringBuilder out = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    static String badge(String status) {
        return "<span class=\"badge s-" + esc(status) + "\">" + esc(status.replace('_', ' ')) + "</span>";
    }

    static String ago(Instant then, Instant now) {
        long s = Math.max(0, Duration.between(then, now).toSeconds());
        if (s < 60) return s + "s ago";
        if (s < 3600) return s / 60 + "m ago";
        if (s < 86_400) return s / 3600 + "h ago";
        return s / 86_400 + "d ago";
    }

    static String duration(Instant from, Instant to) {
        if (from == null || to == null) return "";
        long ms = Duration.between(from, to).toMillis();
        if (ms < 1000) return ms + " ms";
        if (ms < 60_000) return String.format("%.1f s", ms / 1000.0);
        return ms / 60_000 + " min " + (ms / 1000) % 60 + " s";
    }

    static String percent(Object rate) {
        return rate instanceof Number n ? Math.round(n.doubleValue() * 100) + "%" : "–";
    }

    static String money(Object usd) {
        return usd instanceof Number n && n.doubleValue() > 0 ? String.format("$%.4f", n.doubleValue()) : "–";
    }

    static String number(Object value) {
        return value instanceof Number n ? String.format("%,d", n.longValue()) : "–";
    }
}
