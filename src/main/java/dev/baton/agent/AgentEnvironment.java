package dev.baton.agent;

import dev.baton.core.AgentProfile;
import dev.baton.core.AgentUnavailableException;
import dev.baton.core.FailureReason;
import dev.baton.secret.EnvironmentPolicy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The environment one agent's process gets, on the principle of least privilege: the {@link
 * EnvironmentPolicy#BASE base} of Baton's environment, the variables its kind reads ({@link
 * AgentAdapter#passedEnvironment}), those its profile names ({@code env_passthrough}), its
 * credential from {@code auth.config_location} (read now, given to this agent only) and the
 * profile's own {@code env}. Everything else of Baton's environment — other vendors' keys, cloud and
 * GitHub tokens — stays out. Immutable; thread-safe.
 */
public final class AgentEnvironment {
    private static final Pattern VARIABLE = Pattern.compile("\\$?\\{?([A-Za-z_][A-Za-z0-9_]*)}?");
    private static final Pattern ASSIGNMENT = Pattern.compile("(?:export\\s+)?([A-Za-z_][A-Za-z0-9_]*)=(.*)");

    private final Map<String, String> baton;

    /** @param batonEnvironment the environment Baton runs with ({@code System.getenv()}) */
    public AgentEnvironment(Map<String, String> batonEnvironment) {
        this.baton = Map.copyOf(batonEnvironment);
    }

    /**
     * What the agent's process gets (the launch adds its own {@code BATON_*} variables).
     *
     * @throws AgentUnavailableException when its credential file cannot be read
     */
    public Map<String, String> forRun(AgentProfile profile, AgentAdapter adapter) {
        Map<String, String> env = new TreeMap<>(EnvironmentPolicy.select(baton, named(profile, adapter)));
        env.putAll(credentialFile(profile, adapter));
        env.putAll(profile.env());
        return env;
    }

    /** The names of what the agent would get, never the values; an unreadable credential file adds nothing. */
    public List<String> names(AgentProfile profile, AgentAdapter adapter) {
        TreeSet<String> names = new TreeSet<>(
                EnvironmentPolicy.select(baton, named(profile, adapter)).keySet());
        try {
            names.addAll(credentialFile(profile, adapter).keySet());
        } catch (AgentUnavailableException unreadable) {
            // shown by the agent's health; a listing of names still has the rest to show
        }
        names.addAll(profile.env().keySet());
        return List.copyOf(names);
    }

    private List<String> named(AgentProfile profile, AgentAdapter adapter) {
        List<String> named = new ArrayList<>(adapter.passedEnvironment(profile, baton));
        named.addAll(profile.envPassthrough());
        String location = profile.authLocation();
        if (location != null) {
            Matcher variable = VARIABLE.matcher(location.strip());
            if (variable.matches()) named.add(variable.group(1));
        }
        return named;
    }

    /** The variables in the profile's credential file; empty when its location is a variable or none. */
    private Map<String, String> credentialFile(AgentProfile profile, AgentAdapter adapter) {
        String location = profile.authLocation();
        if (location == null || VARIABLE.matcher(location.strip()).matches()) return Map.of();
        Path file = expandHome(location.strip());
        String content;
        try {
            content = Files.readString(file);
        } catch (IOException e) {
            throw new AgentUnavailableException(
                    FailureReason.AUTH_MISSING,
                    "agent " + profile.name() + ": cannot read its credential file " + file + " (auth.config_location: "
                            + e.getClass().getSimpleName() + "); create it with KEY=value lines or the key alone,"
                            + " or fix config_location in its registration file");
        }
        return parse(profile, adapter, file, content);
    }

    private static Map<String, String> parse(AgentProfile profile, AgentAdapter adapter, Path file, String content) {
        List<String> lines = content.lines()
                .map(String::strip)
                .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                .toList();
        Map<String, String> values = new LinkedHashMap<>();
        if (!lines.isEmpty()
                && lines.stream().allMatch(line -> ASSIGNMENT.matcher(line).matches())) {
            for (String line : lines) {
                Matcher assignment = ASSIGNMENT.matcher(line);
                if (assignment.matches())
                    values.put(assignment.group(1), unquote(assignment.group(2).strip()));
            }
            return values;
        }
        String keyVariable = adapter.keyVariable(profile);
        if (lines.size() == 1 && keyVariable != null) return Map.of(keyVariable, lines.getFirst());
        throw new AgentUnavailableException(
                FailureReason.AUTH_MISSING,
                "agent " + profile.name() + ": its credential file " + file + " holds neither KEY=value lines nor "
                        + (keyVariable == null
                                ? "anything Baton can give a " + profile.kind() + " agent"
                                : "one key alone")
                        + "; write one KEY=value line per variable (e.g. ANTHROPIC_API_KEY=...)");
    }

    private Path expandHome(String location) {
        if (location.equals("~") || location.startsWith("~/")) {
            String home = baton.getOrDefault("HOME", System.getProperty("user.home"));
            return Path.of(home + location.substring(1));
        }
        return Path.of(location);
    }

    private static String unquote(String value) {
        if (value.length() >= 2
                && (value.startsWith("\"") && value.endsWith("\"") || value.startsWith("'") && value.endsWith("'"))) {
            return value.substring(1, value.length() - 1);
        }
        return value;
    }
}
