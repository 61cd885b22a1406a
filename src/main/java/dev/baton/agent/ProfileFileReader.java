package dev.baton.agent;

import dev.baton.brain.FrontmatterDocument;
import dev.baton.core.AgentLimits;
import dev.baton.core.AgentProfile;
import dev.baton.core.InvalidInputException;
import dev.baton.core.SafetyTier;
import dev.baton.core.TaskFileException;
import dev.baton.secret.EnvironmentPolicy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads agent self-registration files: markdown with YAML frontmatter ({@code name}, {@code type},
 * {@code status}, {@code capabilities}, {@code limits}, {@code auth}, and Baton's {@code kind},
 * {@code command}, {@code env}, {@code env_passthrough}, {@code concurrency}), with "How to Invoke", "Best For" and
 * "Limitations" sections. A file never holds a credential: {@code auth} names where it is.
 * Stateless, thread-safe.
 */
public final class ProfileFileReader {
    private static final Set<String> TYPES = Set.of("llm", "tool", "service");
    private static final Set<String> STATUSES = Set.of("available", "limited", "offline");
    private static final Set<String> SECRET_KEYS = Set.of("key", "api_key", "apikey", "token", "secret", "password");
    private static final Pattern SECTION = Pattern.compile("(?m)^##\\s+(.+?)\\s*$");
    private static final int DEFAULT_CONCURRENCY = 2;

    public AgentRegistration read(Path file) {
        String name = file.toString();
        String content;
        try {
            content = Files.readString(file);
        } catch (IOException e) {
            throw new TaskFileException(name, 1, null, "cannot read the agent file (" + e.getMessage() + ")");
        }
        return read(name, content);
    }

    public AgentRegistration read(String file, String content) {
        FrontmatterDocument doc = FrontmatterDocument.parse(file, content);
        Map<String, Object> f = doc.fields();
        String agentName = text(doc, file, "name", true).toLowerCase(Locale.ROOT);
        String kind = text(doc, file, "kind", false);
        if (kind == null) kind = KnownAgents.isKnownKind(agentName) ? agentName : null;
        List<String> command = command(doc, file);
        if (kind == null) {
            if (command.isEmpty()) {
                throw doc.error(
                        file,
                        "kind",
                        "say which adapter drives this agent: kind: one of " + KnownAgents.KINDS
                                + ", or give a command for the command agent");
            }
            kind = CommandAgent.KIND;
        }
        if (!KnownAgents.isKnownKind(kind)) {
            throw doc.error(file, "kind", "unknown kind '" + kind + "'; use one of " + KnownAgents.KINDS);
        }
        String type = choice(doc, file, "type", TYPES, "tool");
        String status = choice(doc, file, "status", STATUSES, "available");
        Map<String, Object> limitsField = map(doc, file, "limits");
        int concurrency = (int) number(
                doc,
                file,
                "concurrency",
                f.containsKey("concurrency")
                        ? f.get("concurrency")
                        : limitsField.getOrDefault("concurrency", DEFAULT_CONCURRENCY),
                1,
                1000);
        AgentLimits limits = new AgentLimits(
                optionalNumber(doc, file, "limits", limitsField.get("messages_per_day")),
                optionalNumber(doc, file, "limits", limitsField.get("tokens_per_request")),
                optionalNumber(doc, file, "limits", limitsField.get("tokens_per_day")));
        Map<String, Object> auth = map(doc, file, "auth");
        for (String key : auth.keySet()) {
            if (SECRET_KEYS.contains(key.toLowerCase(Locale.ROOT))) {
                throw doc.error(
                        file,
                        "auth",
                        "'" + key + "' would put a credential in the file; write where it is"
                                + " instead, e.g. 'config_location: ANTHROPIC_API_KEY' (the variable's name) or a file path");
            }
        }
        Set<String> capabilities = new LinkedHashSet<>(strings(doc, file, "capabilities"));
        if (capabilities.isEmpty()) capabilities.addAll(KnownAgents.CODING_CAPABILITIES);
        Map<String, String> env = new LinkedHashMap<>();
        map(doc, file, "env").forEach((k, v) -> env.put(k, String.valueOf(v)));
        llmSetting(doc, file, "provider", "BATON_LLM_PROVIDER", env);
        llmSetting(doc, file, "model", "BATON_LLM_MODEL", env);
        llmSetting(doc, file, "base_url", "BATON_LLM_BASE_URL", env);
        if (kind.equals("llm-api") && auth.get("config_location") instanceof String keyVar && !keyVar.contains("/")) {
            env.putIfAbsent("BATON_LLM_API_KEY_ENV", keyVar);
        }
        String safety = choice(doc, file, "safety", Set.of("full", "supervised", "manual"), "supervised");
        List<String> passthrough = strings(doc, file, "env_passthrough");
        for (String glob : passthrough) {
            if (!EnvironmentPolicy.isValidGlob(glob)) {
                throw doc.error(
                        file,
                        "env_passthrough",
                        "'" + glob + "' is not a variable name; write names of Baton's environment variables"
                                + " (letters, digits, '_'), with '*' for any text, e.g. [AWS_PROFILE, 'AWS_*']");
            }
        }
        String authLocation = auth.get("config_location") == null ? null : String.valueOf(auth.get("config_location"));
        AgentProfile profile;
        try {
            profile = new AgentProfile(
                    agentName,
                    kind,
                    capabilities,
                    concurrency,
                    command,
                    env,
                    SafetyTier.fromWire(safety),
                    passthrough,
                    authLocation);
        } catch (InvalidInputException e) {
            throw doc.error(file, "name", e.getMessage());
        }
        Map<String, String> sections = sections(doc.body());
        return new AgentRegistration(
                profile,
                type,
                status,
                limits,
                auth.get("method") == null ? null : String.valueOf(auth.get("method")),
                auth.containsKey("config_location")
                        ? String.valueOf(auth.get("config_location"))
                        : auth.containsKey("env") ? String.valueOf(auth.get("env")) : null,
                sections.getOrDefault("best for", null),
                sections.getOrDefault("limitations", null),
                file);
    }

    /** The llm-api settings may be written as plain fields ({@code provider: openai}) too. */
    private static void llmSetting(
            FrontmatterDocument doc, String file, String field, String variable, Map<String, String> env) {
        String value = text(doc, file, field, false);
        if (value != null) env.put(variable, value);
    }

    private static List<String> command(FrontmatterDocument doc, String file) {
        Object value = doc.fields().get("command");
        if (value == null) return List.of();
        if (value instanceof String s) return List.of(s.strip().split("\\s+"));
        if (value instanceof List<?> list && list.stream().allMatch(v -> v instanceof String)) {
            return list.stream().map(String.class::cast).toList();
        }
        throw doc.error(file, "command", "write the command as text ('claude') or a list of arguments");
    }

    private static String text(FrontmatterDocument doc, String file, String field, boolean required) {
        Object value = doc.fields().get(field);
        if (value == null) {
            if (required) throw doc.error(file, field, "missing; every agent file needs a " + field);
            return null;
        }
        if (!(value instanceof String s) || s.isBlank()) throw doc.error(file, field, "must be text");
        return s.strip();
    }

    private static String choice(FrontmatterDocument doc, String file, String field, Set<String> allowed, String dflt) {
        String value = text(doc, file, field, false);
        if (value == null) return dflt;
        String lower = value.toLowerCase(Locale.ROOT);
        if (!allowed.contains(lower)) throw doc.error(file, field, "'" + value + "' is not one of " + allowed);
        return lower;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(FrontmatterDocument doc, String file, String field) {
        Object value = doc.fields().get(field);
        if (value == null) return Map.of();
        if (value instanceof Map<?, ?> m) return (Map<String, Object>) m;
        throw doc.error(file, field, "must be 'key: value' lines indented under " + field + ":");
    }

    private static List<String> strings(FrontmatterDocument doc, String file, String field) {
        Object value = doc.fields().get(field);
        if (value == null) return List.of();
        if (value instanceof String s) return List.of(s);
        if (value instanceof List<?> list) {
            List<String> out = new ArrayList<>();
            for (Object item : list) {
                if (!(item instanceof String s)) throw doc.error(file, field, "every entry must be a word");
                out.add(s.strip());
            }
            return out;
        }
        throw doc.error(file, field, "must be a list, like [code_execution, file_access]");
    }

    private static long number(FrontmatterDocument doc, String file, String field, Object value, long min, long max) {
        if (value instanceof Number n
                && n.longValue() >= min
                && n.longValue() <= max
                && n.doubleValue() == n.longValue()) {
            return n.longValue();
        }
        throw doc.error(file, field, "must be a whole number from " + min + " to " + max + ", not '" + value + "'");
    }

    private static Long optionalNumber(FrontmatterDocument doc, String file, String field, Object value) {
        if (value == null || (value instanceof String s && s.equalsIgnoreCase("N"))) return null;
        return number(doc, file, field, value, 0, Long.MAX_VALUE);
    }

    private static Map<String, String> sections(String body) {
        Map<String, String> out = new LinkedHashMap<>();
        Matcher m = SECTION.matcher(body);
        List<int[]> starts = new ArrayList<>();
        List<String> names = new ArrayList<>();
        while (m.find()) {
            starts.add(new int[] {m.start(), m.end()});
            names.add(m.group(1).toLowerCase(Locale.ROOT));
        }
        for (int i = 0; i < starts.size(); i++) {
            int end = i + 1 < starts.size() ? starts.get(i + 1)[0] : body.length();
            out.put(names.get(i), body.substring(starts.get(i)[1], end).strip());
        }
        return out;
    }
}
