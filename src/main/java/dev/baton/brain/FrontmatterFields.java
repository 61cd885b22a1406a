package dev.baton.brain;

import dev.baton.core.Durations;
import dev.baton.core.InvalidInputException;
import dev.baton.core.Priority;
import dev.baton.core.TaskId;
import dev.baton.core.TaskMode;
import dev.baton.core.TaskSpec;
import dev.baton.format.Timestamps;
import dev.baton.format.YamlDocument;
import dev.baton.format.YamlValues;
import java.math.BigInteger;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.Temporal;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads the frontmatter fields Baton knows into a {@link TaskSpec.Builder} and keeps the others,
 * with their values, as extras. Every wrong value is reported with its field and line. Field names
 * match loosely ({@code dependsOn}, {@code depends-on} and {@code depends_on} are one field), so a
 * known field is never mistaken for an unknown one. Stateless.
 */
final class FrontmatterFields {

    /** The fields a task file may give besides the task itself; null when absent. */
    record Bookkeeping(TaskId id, String status, Instant created, String title) {
        static final Bookkeeping NONE = new Bookkeeping(null, null, null, null);
    }

    private enum Known {
        ID("id"),
        CREATED("created"),
        PRIORITY("priority"),
        REQUIRES("requires"),
        AGENT("preferred_interface", "agent", "preferred_agent"),
        TIMEOUT("timeout"),
        STATUS("status"),
        MODE("mode"),
        DEPENDS_ON("depends_on"),
        TAGS("tags"),
        MODEL_HINT("model_hint"),
        ESTIMATED_TOKENS("estimated_tokens"),
        TYPE("type"),
        RETRIES("retries", "max_retries"),
        TITLE("title"),
        BASE_BRANCH("base_branch"),
        REPO("repo"),
        REQUIRES_APPROVAL("requires_approval"),
        VERIFY("verify");

        private final List<String> names;

        Known(String... names) {
            this.names = List.of(names);
        }

        static Known of(String key) {
            String canonical = canonical(key);
            for (Known known : values()) {
                if (known.names.contains(canonical)) {
                    return known;
                }
            }
            return null;
        }
    }

    private FrontmatterFields() {}

    /**
     * Applies the fields to the builder.
     *
     * @param baseDir the folder relative {@code repo} paths resolve against, or null if there is none
     * @param budget what the unknown fields may expand to
     */
    static Bookkeeping apply(
            FrontmatterSource source,
            YamlFrontmatter.Block frontmatter,
            Path baseDir,
            YamlValues.Budget budget,
            TaskSpec.Builder builder) {
        Map<Known, YamlFrontmatter.Field> given = new EnumMap<>(Known.class);
        TaskId id = null;
        String status = null;
        Instant created = null;
        String title = null;
        YamlDocument document = frontmatter.document();
        for (YamlFrontmatter.Field field : frontmatter.fields()) {
            Known known = Known.of(field.key());
            if (known == null) {
                builder.extra(field.key(), YamlValues.plain(document, field.key(), field.value(), budget));
                continue;
            }
            YamlFrontmatter.Field earlier = given.putIfAbsent(known, field);
            if (earlier != null) {
                throw source.error(
                        field.keyNode(),
                        field.key(),
                        "'" + field.key() + "' and '" + earlier.key() + "' (line " + source.lineOf(earlier.keyNode())
                                + ") set the same thing; keep one of them");
            }
            Reader read = new Reader(source, field.key(), field.value());
            if (read.isAbsent()) {
                continue;
            }
            switch (known) {
                case ID -> id = read.text(TaskId::of);
                case CREATED -> created = read.instant();
                case PRIORITY -> builder.priority(read.priority());
                case REQUIRES ->
                    builder.requires(read.names(false, "capability names, like [code_execution]").stream()
                            .map(Item::text)
                            .toList());
                case AGENT -> builder.preferredAgent(read.text());
                case TIMEOUT -> builder.timeout(read.duration());
                case STATUS -> status = read.text();
                case MODE ->
                    builder.mode(read.text(text ->
                            TaskMode.fromWire(text.toLowerCase(Locale.ROOT).replace('_', '-'))));
                case DEPENDS_ON ->
                    builder.dependsOn(read.names(true, "task ids, like [task-2026-01-31-001]").stream()
                            .map(name -> read.item(name, TaskId::of))
                            .toList());
                case TAGS ->
                    builder.tags(read.names(true, "tags, like [docs, urgent]").stream()
                            .map(Item::text)
                            .toList());
                case MODEL_HINT -> builder.modelHint(read.text());
                case ESTIMATED_TOKENS ->
                    builder.estimatedTokens(read.whole(0, Long.MAX_VALUE, "the expected number of tokens", "50000"));
                case TYPE -> builder.type(read.text());
                case RETRIES ->
                    builder.maxRetries(read.whole(0, 20, "how many more attempts a failed task gets", "2")
                            .intValue());
                case TITLE -> title = read.text();
                case BASE_BRANCH -> builder.baseBranch(read.text());
                case REPO -> builder.repo(read.text(text -> repoPath(text, baseDir)));
                case REQUIRES_APPROVAL -> builder.requiresApproval(read.yesNo());
                case VERIFY ->
                    builder.verify(read.names(true, "shell commands, like [\"./mvnw -q test\"]").stream()
                            .map(Item::text)
                            .toList());
            }
        }
        return new Bookkeeping(id, status, created, title);
    }

    /** {@code preferredInterface}, {@code Preferred-Interface} → {@code preferred_interface}. */
    static String canonical(String key) {
        StringBuilder out = new StringBuilder(key.length() + 4);
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (Character.isUpperCase(c) && i > 0 && Character.isLowerCase(key.charAt(i - 1))) {
                out.append('_');
            }
            out.append(c == '-' || c == ' ' ? '_' : Character.toLowerCase(c));
        }
        return out.toString().strip();
    }

    private static String repoPath(String text, Path baseDir) {
        String expanded =
                text.equals("~") || text.startsWith("~/") ? System.getProperty("user.home") + text.substring(1) : text;
        Path path = Path.of(expanded);
        if (!path.isAbsolute()) {
            if (baseDir == null) {
                throw new InvalidInputException(
                        "'" + text + "' is a relative path and there is no task-file folder to resolve it"
                                + " against; write an absolute path");
            }
            path = baseDir.resolve(path);
        }
        return path.normalize().toString();
    }

    /** One list entry, with its node so a bad entry is reported on its own line. */
    private record Item(String text, Node node) {}

    /** Reads one field's value in the shapes its field allows. */
    private static final class Reader {
        private final FrontmatterSource source;
        private final String field;
        private final Node node;

        Reader(FrontmatterSource source, String field, Node node) {
            this.source = source;
            this.field = field;
            this.node = node;
        }

        /** An empty value ({@code timeout:} or {@code timeout: ~}) means the field was not given. */
        boolean isAbsent() {
            return node instanceof ScalarNode scalar && scalar.getTag().equals(Tag.NULL);
        }

        String text() {
            return text(Function.identity());
        }

        /** A single value, as written, turned into a T; a conversion's complaint names this line. */
        <T> T text(Function<String, T> convert) {
            if (!(node instanceof ScalarNode scalar)) {
                throw source.error(node, field, "write a single value here, not " + YamlValues.describe(node));
            }
            return item(new Item(scalar.getValue().strip(), scalar), convert);
        }

        <T> T item(Item item, Function<String, T> convert) {
            try {
                return convert.apply(item.text());
            } catch (InvalidInputException | InvalidPathException e) {
                throw source.error(item.node(), field, e.getMessage());
            }
        }

        /**
         * A list of names, or one name on its own. Numbers and true/false are names only where
         * {@code anyScalar} says so (task ids may be numbers; capabilities may not).
         */
        List<Item> names(boolean anyScalar, String expected) {
            List<Node> nodes;
            if (node instanceof SequenceNode sequence) {
                nodes = sequence.getValue();
            } else if (node instanceof ScalarNode) {
                nodes = List.of(node);
            } else {
                throw source.error(node, field, "write a list of " + expected + ", not " + YamlValues.describe(node));
            }
            List<Item> items = new ArrayList<>(nodes.size());
            for (Node entry : nodes) {
                boolean text = entry instanceof ScalarNode scalar
                        && (scalar.getTag().equals(Tag.STR)
                                || (anyScalar && !scalar.getTag().equals(Tag.NULL)));
                if (!text || ((ScalarNode) entry).getValue().isBlank()) {
                    String found = entry == node
                            ? ", not " + YamlValues.describe(entry)
                            : "; this entry is " + YamlValues.describe(entry);
                    throw source.error(entry, field, "write a list of " + expected + found);
                }
                items.add(new Item(((ScalarNode) entry).getValue().strip(), entry));
            }
            return items;
        }

        boolean yesNo() {
            ScalarNode scalar = scalar("true or false");
            Boolean value = YamlValues.bool(scalar);
            if (value == null) {
                throw source.error(node, field, YamlValues.notABoolean(scalar.getValue()));
            }
            return value;
        }

        int priority() {
            ScalarNode scalar = scalar("high, medium, low or a number from 1 (runs first) to 10");
            if (scalar.getTag().equals(Tag.FLOAT) || scalar.getTag().equals(Tag.BOOL)) {
                throw source.error(
                        node,
                        field,
                        "priority " + scalar.getValue() + " is not understood; use high, medium, low or a whole"
                                + " number from 1 (runs first) to 10");
            }
            return text(Priority::parse);
        }

        Duration duration() {
            scalar("a duration like 90, 30s, 5m, 2h or 1h30m");
            Duration duration = text(text -> {
                try {
                    return Durations.parse(text);
                } catch (NumberFormatException | ArithmeticException e) {
                    throw new InvalidInputException(
                            "'" + text + "' is longer than any task may run; write it like 30m" + " or 2h");
                }
            });
            if (duration.isZero()) {
                throw source.error(node, field, "a timeout must be longer than zero; write it like 30m or 2h");
            }
            return duration;
        }

        Instant instant() {
            return text(text -> {
                Temporal time = Timestamps.parse(text);
                if (time == null) {
                    time = isoWithoutSeconds(text);
                }
                if (time instanceof LocalDate date) {
                    return date.atStartOfDay(ZoneOffset.UTC).toInstant();
                }
                if (time instanceof OffsetDateTime dateTime) {
                    return dateTime.toInstant();
                }
                throw new InvalidInputException("'" + text + "' is not a date; write an ISO timestamp like"
                        + " 2026-01-31T02:30:00Z or a date like 2026-01-31");
            });
        }

        /** A whole number within bounds; quoted digits count too. */
        Long whole(long min, long max, String meaning, String example) {
            ScalarNode scalar = scalar("a whole number");
            BigInteger value =
                    scalar.getTag().equals(Tag.INT) || scalar.getTag().equals(Tag.STR)
                            ? YamlValues.integer(scalar)
                            : null;
            if (value == null
                    || value.compareTo(BigInteger.valueOf(min)) < 0
                    || value.compareTo(BigInteger.valueOf(max)) > 0) {
                String range = max == Long.MAX_VALUE ? "" : " from " + min + " to " + max;
                throw source.error(
                        node,
                        field,
                        "write " + meaning + " as a whole number" + range + ", like " + example + ", not "
                                + YamlValues.describe(node));
            }
            return value.longValue();
        }

        private ScalarNode scalar(String expected) {
            if (node instanceof ScalarNode scalar) {
                return scalar;
            }
            throw source.error(node, field, "write " + expected + " here, not " + YamlValues.describe(node));
        }

        /** ISO forms YAML does not call timestamps: {@code 2026-01-31T09:45}, {@code 2026-01-31T09:45Z}. */
        private static Temporal isoWithoutSeconds(String text) {
            try {
                return OffsetDateTime.parse(text);
            } catch (DateTimeParseException e) {
                try {
                    return LocalDateTime.parse(text).atOffset(ZoneOffset.UTC);
                } catch (DateTimeParseException again) {
                    return null;
                }
            }
        }
    }
}
