package dev.baton.secret;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Which of Baton's environment variables an agent process may see. Every agent gets the {@link
 * #BASE} (what a program needs to run: paths, user, locale, terminal, proxies, gateway base URLs);
 * anything else only when it is named, by the defaults of the agent's kind or by its profile's
 * {@code env_passthrough}. A base name that is {@link #isSecretShaped secret-shaped} is never given
 * unnamed, so a key meant for one vendor or a cloud token reaches no agent that was not told to
 * have it. Names are matched by glob ({@code *} for any text, case-sensitive). Pure; thread-safe.
 */
public final class EnvironmentPolicy {

    /** What every agent gets. XDG folders are here because CLIs find their logins through them. */
    public static final List<String> BASE = List.of(
            "PATH",
            "HOME",
            "USER",
            "LOGNAME",
            "SHELL",
            "LANG",
            "LANGUAGE",
            "LC_*",
            "TERM",
            "TZ",
            "TMPDIR",
            "XDG_CONFIG_HOME",
            "XDG_DATA_HOME",
            "XDG_CACHE_HOME",
            "XDG_STATE_HOME",
            "XDG_RUNTIME_DIR",
            "HTTP_PROXY",
            "HTTPS_PROXY",
            "NO_PROXY",
            "ALL_PROXY",
            "http_proxy",
            "https_proxy",
            "no_proxy",
            "all_proxy",
            // gateways (ANTHROPIC_BASE_URL, OPENAI_BASE_URL, GOOGLE_GEMINI_BASE_URL...): an address, not a key
            "*_BASE_URL");

    /** Names that hold credentials: given to an agent only when named for it. */
    public static final List<String> SECRET_SHAPED = List.of(
            "*_API_KEY", "*_TOKEN", "*SECRET*", "*PASSWORD*", "AWS_*", "GOOGLE_APPLICATION_CREDENTIALS", "AZURE_*");

    private static final Pattern GLOB = Pattern.compile("[A-Za-z0-9_*]+");

    private EnvironmentPolicy() {}

    /** The base part of {@code environment}: what every agent process, and the shells that start them, get. */
    public static Map<String, String> base(Map<String, String> environment) {
        return select(environment, List.of());
    }

    /**
     * The variables of {@code environment} an agent gets: the base and those {@code named} (globs)
     * name. Sorted by name.
     */
    public static Map<String, String> select(Map<String, String> environment, Collection<String> named) {
        Map<String, String> chosen = new TreeMap<>();
        environment.forEach((name, value) -> {
            if (value == null) return;
            boolean isNamed = matchesAny(name, named);
            boolean isBase = matchesAny(name, BASE) && !isSecretShaped(name);
            if (isNamed || isBase) chosen.put(name, value);
        });
        return chosen;
    }

    public static boolean isSecretShaped(String name) {
        return matchesAny(name, SECRET_SHAPED);
    }

    /** Whether {@code glob} can name variables: letters, digits, underscores and {@code *}. */
    public static boolean isValidGlob(String glob) {
        return glob != null && GLOB.matcher(glob).matches();
    }

    static boolean matchesAny(String name, Collection<String> globs) {
        for (String glob : globs) {
            if (matches(glob, name)) return true;
        }
        return false;
    }

    /** {@code *} matches any text, everything else itself. */
    static boolean matches(String glob, String name) {
        return matchFrom(glob, 0, name, 0);
    }

    private static boolean matchFrom(String glob, int g, String name, int n) {
        while (g < glob.length()) {
            char c = glob.charAt(g);
            if (c == '*') {
                for (int rest = n; rest <= name.length(); rest++) {
                    if (matchFrom(glob, g + 1, name, rest)) return true;
                }
                return false;
            }
            if (n >= name.length() || name.charAt(n) != c) return false;
            g++;
            n++;
        }
        return n == name.length();
    }
}
