package dev.baton.gate;

import dev.baton.core.Autonomy;
import dev.baton.core.Durations;
import dev.baton.core.InvalidInputException;
import dev.baton.format.YamlDocument;
import dev.baton.format.YamlException;
import dev.baton.format.YamlReader;
import dev.baton.format.YamlValues;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * Reads a project's {@code .baton/config.yaml}:
 *
 * <pre>
 * autonomy: confirm          # manual | confirm | full
 * verify:                    # run in the worktree after every task of this project
 *   - mvn -q test
 * verify_attempts: 2         # further agent attempts after a red verify
 * verify_timeout: 10m
 * decision_timeout: 24h      # unanswered decisions expire (as rejected) after this
 * auto_merge: false          # merge verified branches when their task completes
 * </pre>
 *
 * A missing file means {@link ProjectConfig#DEFAULTS}. The YAML is read by Baton's one {@link
 * YamlReader} (YAML 1.2: {@code auto_merge: yes} is refused, write {@code true}). Unknown fields and
 * bad values are errors that name the file and the line: {@code .baton/config.yaml:3: ...}.
 * Stateless; thread-safe.
 */
public final class ProjectConfigReader {
    public static final String FILE = ".baton/config.yaml";
    private static final Set<String> FIELDS =
            Set.of("autonomy", "verify", "verify_attempts", "verify_timeout", "decision_timeout", "auto_merge");
    private static final int MAX_BYTES = 64 * 1024;

    private ProjectConfigReader() {}

    /** The settings of the repository at {@code repo}, or the defaults when it has no config file. */
    public static ProjectConfig read(Path repo) {
        if (repo == null) return ProjectConfig.DEFAULTS;
        Path file = repo.resolve(FILE);
        if (!Files.isRegularFile(file)) return ProjectConfig.DEFAULTS;
        String text;
        try {
            if (Files.size(file) > MAX_BYTES) throw bad(file, 1, "the file is larger than " + MAX_BYTES + " bytes");
            text = Files.readString(file);
        } catch (IOException e) {
            throw bad(file, 1, "the file cannot be read: " + e.getMessage());
        }
        return parse(file, text);
    }

    static ProjectConfig parse(Path file, String text) {
        YamlDocument document;
        Map<String, Object> map = new HashMap<>();
        Map<String, Integer> lines = new HashMap<>();
        try {
            document = new YamlReader("the file", MAX_BYTES).read(text);
            if (document.isEmpty()) return ProjectConfig.DEFAULTS;
            if (!(document.root() instanceof MappingNode mapping)) {
                throw bad(
                        file, document.lineOf(document.root()), "must be 'field: value' lines, like 'autonomy: full'");
            }
            YamlValues.Budget budget = new YamlValues.Budget(MAX_BYTES);
            for (NodeTuple tuple : mapping.getValue()) {
                String key = ((ScalarNode) tuple.getKeyNode()).getValue();
                int line = document.lineOf(tuple.getKeyNode());
                if (!FIELDS.contains(key)) {
                    throw bad(
                            file,
                            line,
                            "unknown field '" + key + "'; the fields are "
                                    + FIELDS.stream().sorted().toList());
                }
                map.put(key, YamlValues.plain(document, key, tuple.getValueNode(), budget));
                lines.put(key, line);
            }
        } catch (YamlException e) {
            throw bad(file, e.line(), e.problem());
        }
        Autonomy autonomy = map.get("autonomy") == null
                ? Autonomy.DEFAULT
                : wrap(file, lines.get("autonomy"), () -> Autonomy.fromWire(String.valueOf(map.get("autonomy"))));
        List<String> verify = new ArrayList<>();
        Object verifyField = map.get("verify");
        if (verifyField instanceof String one) {
            verify.add(one);
        } else if (verifyField instanceof List<?> list) {
            for (Object command : list) {
                if (!(command instanceof String s) || s.isBlank()) {
                    throw bad(file, lines.get("verify"), "verify: each entry must be a shell command line");
                }
                verify.add(s);
            }
        } else if (verifyField != null) {
            throw bad(file, lines.get("verify"), "verify: must be a list of shell command lines");
        }
        int attempts = ProjectConfig.DEFAULT_VERIFY_ATTEMPTS;
        if (map.get("verify_attempts") != null) {
            if (!(map.get("verify_attempts") instanceof Integer n)) {
                throw bad(file, lines.get("verify_attempts"), "verify_attempts: must be a whole number");
            }
            attempts = n;
        }
        Duration verifyTimeout = duration(file, map, lines, "verify_timeout");
        Duration decisionTimeout = duration(file, map, lines, "decision_timeout");
        Object autoMerge = map.get("auto_merge");
        if (autoMerge != null && !(autoMerge instanceof Boolean)) {
            throw bad(
                    file,
                    lines.get("auto_merge"),
                    "auto_merge: must be true or false" + YamlValues.yaml11Hint(String.valueOf(autoMerge)));
        }
        int verifyAttempts = attempts;
        return wrap(
                file,
                lines.getOrDefault("verify_attempts", 1),
                () -> new ProjectConfig(
                        autonomy,
                        verify,
                        verifyAttempts,
                        verifyTimeout,
                        decisionTimeout,
                        Boolean.TRUE.equals(autoMerge)));
    }

    private static Duration duration(Path file, Map<String, Object> map, Map<String, Integer> lines, String field) {
        Object value = map.get(field);
        if (value == null) return null;
        try {
            return Durations.parse(String.valueOf(value));
        } catch (InvalidInputException e) {
            throw bad(file, lines.get(field), field + ": " + e.getMessage());
        }
    }

    private static <T> T wrap(Path file, int line, Supplier<T> parse) {
        try {
            return parse.get();
        } catch (InvalidInputException e) {
            throw bad(file, line, e.getMessage());
        }
    }

    /** {@code FILE:LINE: problem}, as task files and workflows report theirs. */
    private static InvalidInputException bad(Path file, int line, String problem) {
        return new InvalidInputException(file + ":" + line + ": " + problem);
    }
}
