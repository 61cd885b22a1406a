package dev.baton.format;

import java.io.StringReader;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.composer.Composer;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.ReaderException;
import org.yaml.snakeyaml.reader.StreamReader;

/**
 * The one way Baton reads YAML people write: task-file and agent-file frontmatter, workflows,
 * {@code .baton/config.yaml}, {@code routing.yaml}.
 *
 * <ul>
 *   <li>Only the node graph is built; no tag ever constructs an object, and tags other than the
 *       standard scalar, list and mapping ones are refused, on the line they stand.
 *   <li>Plain scalars are typed by the YAML 1.2 core schema ({@link CoreSchemaResolver}): {@code
 *       yes}, {@code no}, {@code on} and {@code off} are text, not booleans, and {@code 1:30} is
 *       text, not ninety. A field that wants a boolean refuses {@code yes} with a message that says
 *       to write {@code true} ({@link YamlValues#bool}): silently reading {@code yes} as true in
 *       one place and as text in another is the trap YAML 1.2 removed.
 *   <li>Limits against documents built to exhaust memory: a size limit, at most {@value
 *       #MAX_ALIASES} aliases of lists or mappings, nesting at most {@value #MAX_NESTING} deep, no
 *       merge keys; {@link YamlValues} also bounds what aliases expand to.
 *   <li>Keys are plain text and appear once per mapping.
 * </ul>
 *
 * Every problem is a {@link YamlException} with the line in the file. Immutable and thread-safe:
 * every read has its own parser.
 */
public final class YamlReader {
    /** A few aliases are harmless; many are the start of an expansion bomb. */
    public static final int MAX_ALIASES = 20;

    public static final int MAX_NESTING = 50;

    private static final Set<Tag> STANDARD_TAGS =
            Set.of(Tag.STR, Tag.INT, Tag.FLOAT, Tag.BOOL, Tag.NULL, Tag.TIMESTAMP, Tag.SEQ, Tag.MAP);

    private final String subject;
    private final int maxChars;

    /**
     * @param subject what the document is called in messages: "the frontmatter", "the workflow"
     * @param maxChars the longest document accepted, in characters
     */
    public YamlReader(String subject, int maxChars) {
        this.subject = subject;
        this.maxChars = maxChars;
    }

    /** Reads a document that starts a file. */
    public YamlDocument read(String yaml) {
        return read(yaml, 1);
    }

    /** Reads a document whose first line is line {@code firstLine} of its file. */
    public YamlDocument read(String yaml, int firstLine) {
        YamlDocument where = new YamlDocument(null, firstLine);
        if (yaml.length() > maxChars) {
            throw new YamlException(
                    where.wholeLine(),
                    null,
                    subject + " is " + yaml.length() + " characters long; the limit is " + maxChars
                            + ". Move large text into a file it refers to");
        }
        YamlDocument document = new YamlDocument(compose(where, yaml), firstLine);
        if (!document.isEmpty()) {
            new Checks(document).top(document.root());
        }
        return document;
    }

    private Node compose(YamlDocument where, String yaml) {
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(MAX_ALIASES);
        options.setAllowRecursiveKeys(false);
        options.setNestingDepthLimit(MAX_NESTING);
        // Counted in code points, so never reached after the length check; kept as a second wall.
        options.setCodePointLimit(maxChars);
        options.setMergeOnCompose(false);
        // Composing only builds nodes, it never constructs objects; Checks then refuses every
        // non-standard tag with the field it sits in, which a refusal here could not name.
        options.setTagInspector(tag -> true);
        try {
            var parser = new ParserImpl(new StreamReader(new StringReader(yaml)), options);
            return new Composer(parser, new CoreSchemaResolver(), options).getSingleNode();
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            if (runsOffTheEnd(e) && e.getContextMark() != null) {
                // An unclosed quote or bracket is found missing only at the end; point at its start.
                mark = e.getContextMark();
            }
            int line = mark == null ? where.wholeLine() : mark.getLine() + where.firstLine();
            throw new YamlException(line, null, syntaxProblem(e));
        } catch (ReaderException e) {
            throw new YamlException(
                    lineAt(yaml, e.getPosition()) + where.firstLine(),
                    null,
                    String.format(
                            "%s contains the control character U+%04X, which YAML does not allow; remove it",
                            subject, e.getCodePoint()));
        } catch (org.yaml.snakeyaml.error.YAMLException e) {
            throw new YamlException(where.wholeLine(), null, limitProblem(e));
        }
    }

    private static boolean runsOffTheEnd(MarkedYAMLException e) {
        String problem = String.valueOf(e.getProblem());
        return problem.contains("end of stream") || problem.contains("<stream end>");
    }

    private String syntaxProblem(MarkedYAMLException e) {
        StringBuilder problem = new StringBuilder(subject).append(" is not valid YAML: ");
        if (e.getContext() != null) {
            problem.append(e.getContext()).append(", ");
        }
        problem.append(e.getProblem() == null ? "unreadable" : e.getProblem());
        if (e.getProblem() != null && e.getProblem().startsWith("found undefined alias")) {
            problem.append(". Values starting with '*' or '&' must be quoted");
        } else {
            problem.append(". Check the indentation, and put quotes around values that contain ': ', ' #',"
                    + " or start with [, {, *, &, !, | or >");
        }
        return problem.toString();
    }

    private String limitProblem(org.yaml.snakeyaml.error.YAMLException e) {
        String message = String.valueOf(e.getMessage());
        if (message.contains("aliases")) {
            return subject + " uses more than " + MAX_ALIASES
                    + " aliases ('*name') of lists or mappings; write the values out";
        }
        if (message.contains("Nesting Depth")) {
            return subject + " is nested more than " + MAX_NESTING + " levels deep; flatten it";
        }
        if (message.contains("code points")) {
            return subject + " is longer than " + maxChars + " characters; move large text into a file it refers to";
        }
        return subject + " cannot be read: " + message;
    }

    private static int lineAt(String text, int codePointIndex) {
        int end = codePointIndex <= 0
                ? 0
                : text.offsetByCodePoints(0, Math.min(codePointIndex, text.codePointCount(0, text.length())));
        int line = 0;
        for (int i = 0; i < end; i++) {
            if (text.charAt(i) == '\n') line++;
        }
        return line;
    }

    /**
     * The checks the composer does not make: standard tags only, keys that are plain text, no merge
     * keys, no key twice in one mapping. Each node is checked once, however many aliases use it.
     */
    private static final class Checks {
        private final YamlDocument document;
        private final Set<Node> visited = Collections.newSetFromMap(new IdentityHashMap<>());

        Checks(YamlDocument document) {
            this.document = document;
        }

        /** The top level: a problem inside a top-level field is reported with that field. */
        void top(Node root) {
            if (!(root instanceof MappingNode mapping)) {
                node(root, null);
                return;
            }
            visited.add(root);
            tag(root, null);
            Map<String, Node> seen = new HashMap<>();
            for (NodeTuple tuple : mapping.getValue()) {
                String key = keyText(tuple.getKeyNode(), null);
                Node earlier = seen.putIfAbsent(key, tuple.getKeyNode());
                if (earlier != null) {
                    throw document.error(
                            tuple.getKeyNode(),
                            key,
                            "the field appears twice (first on line " + document.lineOf(earlier)
                                    + "); keep one of them");
                }
                node(tuple.getKeyNode(), key);
                node(tuple.getValueNode(), key);
            }
        }

        private void node(Node node, String field) {
            if (!visited.add(node)) {
                return;
            }
            tag(node, field);
            if (node instanceof SequenceNode sequence) {
                for (Node item : sequence.getValue()) {
                    node(item, field);
                }
            } else if (node instanceof MappingNode mapping) {
                Map<String, Node> seen = new HashMap<>();
                for (NodeTuple tuple : mapping.getValue()) {
                    String key = keyText(tuple.getKeyNode(), field);
                    Node earlier = seen.putIfAbsent(key, tuple.getKeyNode());
                    if (earlier != null) {
                        throw document.error(
                                tuple.getKeyNode(),
                                field,
                                "the key '" + key + "' appears twice (first on line " + document.lineOf(earlier)
                                        + "); keep one of them");
                    }
                    node(tuple.getKeyNode(), field);
                    node(tuple.getValueNode(), field);
                }
            }
        }

        private void tag(Node node, String field) {
            if (!STANDARD_TAGS.contains(node.getTag())) {
                throw document.error(
                        node,
                        field,
                        "the YAML tag '" + node.getTag().getValue() + "' is not allowed; remove it and write a"
                                + " plain value");
            }
        }

        /** {@code field} is the enclosing top-level field, or null for a top-level key. */
        private String keyText(Node keyNode, String field) {
            if (!(keyNode instanceof ScalarNode scalar) || scalar.getTag().equals(Tag.NULL)) {
                throw document.error(
                        keyNode,
                        field,
                        "a field name must be plain text, not " + YamlValues.describe(keyNode)
                                + "; write 'name: value'");
            }
            if (scalar.getValue().equals("<<") && scalar.isPlain()) {
                throw document.error(
                        keyNode,
                        field == null ? "<<" : field,
                        "merge keys ('<<') are not supported; write the fields out");
            }
            return scalar.getValue();
        }
    }
}
