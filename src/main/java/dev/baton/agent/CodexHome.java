package dev.baton.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.core.Usage;
import dev.baton.format.Jackson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The Codex home folder ({@code $CODEX_HOME}, by default {@code ~/.codex}) as Baton reads it, never
 * writes it: the model and provider chosen in {@code config.toml}, the API-key variables the
 * providers name, whether a login ({@code auth.json}) is there, and the recorded sessions. Immutable.
 */
record CodexHome(Path dir) {
    private static final ObjectMapper JSON = Jackson.json();
    private static final String PROVIDERS = "model_providers.";
    private static final Pattern SECTION = Pattern.compile("^\\s*\\[\\s*([^\\]]+?)\\s*]\\s*(?:#.*)?$");
    private static final Pattern STRING_KEY =
            Pattern.compile("^\\s*([A-Za-z0-9_\\-]+)\\s*=\\s*(?:\"([^\"]*)\"|'([^']*)')\\s*(?:#.*)?$");

    /** The home Codex would use with this environment. */
    static CodexHome of(Map<String, String> env) {
        String configured = env.get("CODEX_HOME");
        if (configured != null && !configured.isBlank()) return new CodexHome(Path.of(configured));
        String home = env.getOrDefault("HOME", System.getProperty("user.home"));
        return new CodexHome(Path.of(home, ".codex"));
    }

    /** The top-level settings of {@code config.toml} Baton cares about; empty ones when there is none. */
    Config config() {
        Path file = dir.resolve("config.toml");
        if (!Files.isRegularFile(file)) return Config.NONE;
        try {
            return Config.parse(Files.readAllLines(file, StandardCharsets.UTF_8));
        } catch (IOException | UncheckedIOException e) {
            return Config.NONE;
        }
    }

    /** A login made with {@code codex login}. */
    boolean hasLogin() {
        return Files.isRegularFile(dir.resolve("auth.json"));
    }

    /**
     * The tokens a recorded session had used when it last stopped (its last {@code token_count}), so a
     * resumed run can report only its own part; empty when the session's file is not found.
     */
    Optional<Usage> usageOf(String sessionId) {
        Optional<Path> rollout = rolloutOf(sessionId);
        if (rollout.isEmpty()) return Optional.empty();
        Usage last = null;
        try (Stream<String> lines = Files.lines(rollout.get(), StandardCharsets.UTF_8)) {
            for (String line : (Iterable<String>) lines.filter(l -> l.contains("\"token_count\""))::iterator) {
                JsonNode total =
                        JSON.readTree(line).path("payload").path("info").path("total_token_usage");
                if (total.isObject()) {
                    last = new Usage(
                            total.path("input_tokens").asLong(),
                            total.path("output_tokens").asLong(),
                            total.path("cached_input_tokens").asLong(),
                            null);
                }
            }
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
        return Optional.ofNullable(last);
    }

    private Optional<Path> rolloutOf(String sessionId) {
        Path sessions = dir.resolve("sessions");
        if (!Files.isDirectory(sessions)) return Optional.empty();
        // Sessions are filed by date: sessions/YYYY/MM/DD/rollout-<time>-<id>.jsonl.
        try (Stream<Path> files = Files.find(
                sessions,
                4,
                (path, attrs) ->
                        attrs.isRegularFile() && path.getFileName().toString().endsWith("-" + sessionId + ".jsonl"))) {
            return files.findFirst();
        } catch (IOException | UncheckedIOException e) {
            return Optional.empty();
        }
    }

    /**
     * @param model the default model, or null
     * @param modelProvider the chosen provider, or null (OpenAI)
     * @param providers the providers defined in {@code [model_providers.NAME]} sections, each with
     *     the API-key variable it names ({@code env_key}), or "" when it names none
     */
    record Config(String model, String modelProvider, Map<String, String> providers) {
        static final Config NONE = new Config(null, null, Map.of());

        /** Reads the few string settings Baton needs; not a TOML parser, and it need not be one. */
        static Config parse(List<String> lines) {
            String section = "";
            String model = null;
            String provider = null;
            Map<String, String> providers = new java.util.LinkedHashMap<>();
            for (String line : lines) {
                Matcher header = SECTION.matcher(line);
                if (header.matches()) {
                    section = header.group(1);
                    if (section.startsWith(PROVIDERS))
                        providers.putIfAbsent(unquote(section.substring(PROVIDERS.length())), "");
                    continue;
                }
                Matcher entry = STRING_KEY.matcher(line);
                if (!entry.matches()) continue;
                String key = entry.group(1);
                String value = entry.group(2) != null ? entry.group(2) : entry.group(3);
                if (section.isEmpty() && key.equals("model")) model = value;
                if (section.isEmpty() && key.equals("model_provider")) provider = value;
                if (section.startsWith(PROVIDERS) && key.equals("env_key")) {
                    providers.put(unquote(section.substring(PROVIDERS.length())), value);
                }
            }
            return new Config(model, provider, Map.copyOf(providers));
        }

        private static String unquote(String name) {
            return name.replaceAll("^[\"']|[\"']$", "");
        }
    }
}
