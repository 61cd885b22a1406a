package dev.baton.gate;

import dev.baton.core.Autonomy;
import dev.baton.core.Durations;
import dev.baton.core.InvalidInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

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
 * A missing file means {@link ProjectConfig#DEFAULTS}. Unknown fields and bad values are errors
 * that name the file. Stateless; thread-safe.
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
            if (Files.size(file) > MAX_BYTES) throw bad(file, "is larger than " + MAX_BYTES + " bytes");
            text = Files.readString(file);
        } catch (IOException e) {
            throw bad(file, "cannot be read: " + e.getMessage());
        }
        return parse(file, text);
    }

    static ProjectConfig parse(Path file, String text) {
        Object root;
        try {
            LoaderOptions options = new LoaderOptions();
            options.setMaxAliasesForCollections(20);
            options.setAllowDuplicateKeys(false);
            root = new Yaml(new SafeConstructor(options)).load(text);
        } catch (YAMLException e) {
            throw bad(file, "is not valid YAML: " + e.getMessage());
        }
        if (root == null) return ProjectConfig.DEFAULTS;
        if (!(root instanceof Map<?, ?> map)) throw bad(file, "must be 'field: value' lines");
        for (Object key : map.keySet()) {
            if (!FIELDS.contains(String.valueOf(key))) {
                throw bad(file, "has an unknown field '" + key + "'; the fields are " + FIELDS);
            }
        }
        Autonomy autonomy = map.get("autonomy") == null
                ? Autonomy.DEFAULT
                : wrap(file, () -> Autonomy.fromWire(String.valueOf(map.get("autonomy"))));
        List<String> verify = new ArrayList<>();
        Object verifyField = map.get("verify");
        if (verifyField instanceof String one) {
            verify.add(one);
        } else if (verifyField instanceof List<?> list) {
            for (Object command : list) {
                if (!(command instanceof String s) || s.isBlank()) {
                    throw bad(file, "verify: each entry must be a shell command line");
                }
                verify.add(s);
            }
        } else if (verifyField != null) {
            throw bad(file, "verify: must be a list of shell command lines");
        }
        int attempts = ProjectConfig.DEFAULT_VERIFY_ATTEMPTS;
        if (map.get("verify_attempts") != null) {
            if (!(map.get("verify_attempts") instanceof Integer n)) {
                throw bad(file, "verify_attempts: must be a whole number");
            }
            attempts = n;
        }
        Duration verifyTimeout = duration(file, map, "verify_timeout");
        Duration decisionTimeout = duration(file, map, "decision_timeout");
        Object autoMerge = map.get("auto_merge");
        if (autoMerge != null && !(autoMerge instanceof Boolean)) {
            throw bad(file, "auto_merge: must be true or false");
        }
        int verifyAttempts = attempts;
        return wrap(
                file,
                () -> new ProjectConfig(
                        autonomy,
                        verify,
                        verifyAttempts,
                        verifyTimeout,
                        decisionTimeout,
                        Boolean.TRUE.equals(autoMerge)));
    }

    private static Duration duration(Path file, Map<?, ?> map, String field) {
        Object value = map.get(field);
        if (value == null) return null;
        try {
            return Durations.parse(String.valueOf(value));
        } catch (InvalidInputException e) {
            throw bad(file, field + ": " + e.getMessage());
        }
    }

    private static <T> T wrap(Path file, java.util.function.Supplier<T> parse) {
        try {
            return parse.get();
        } catch (InvalidInputException e) {
            throw bad(file, e.getMessage());
        }
    }

    private static InvalidInputException bad(Path file, String problem) {
        return new InvalidInputException(file + " " + problem);
    }
}
