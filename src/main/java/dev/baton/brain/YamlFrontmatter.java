package dev.baton.brain;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.composer.Composer;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
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
 * Reads a frontmatter block into its top-level fields, in file order, each with its YAML node so
 * that every later complaint can name the exact line. Only the node graph is built: no YAML tag
 * ever constructs an object, and tags other than the standard scalar, list and mapping ones are
 * refused. Stateless and thread-safe: every call uses its own parser.
 */
final class YamlFrontmatter {
    /** A few aliases are harmless; many are the start of an expansion bomb. */
    static final int MAX_ALIASES = 20;

    static final int MAX_NESTING = 50;

    private static final Set<Tag> ALLOWED_TAGS =
            Set.of(Tag.STR, Tag.INT, Tag.FLOAT, Tag.BOOL, Tag.NULL, Tag.TIMESTAMP, Tag.SEQ, Tag.MAP);

    /** One top-level {@code key: value} pair. */
    record Field(String key, Node keyNode, Node value) {}

    private YamlFrontmatter() {}

    static List<Field> read(FrontmatterSource source, String yaml, int maxCodePoints) {
        Node root = compose(source, yaml, maxCodePoints);
        if (root == null) {
            return List.of();
        }
        if (!(root instanceof MappingNode mapping)) {
            throw source.error(
                    root,
                    null,
                    "the frontmatter is " + YamlValues.describe(root) + "; it must be 'field: value' lines, like"
                            + " 'priority: high'");
        }
        List<Field> fields = new ArrayList<>();
        Map<String, Node> seen = new HashMap<>();
        for (NodeTuple tuple : mapping.getValue()) {
            String key = keyText(source, tuple.getKeyNode(), null);
            Node earlier = seen.putIfAbsent(key, tuple.getKeyNode());
            if (earlier != null) {
                throw source.error(
                        tuple.getKeyNode(),
                        key,
                        "the field appears twice (first on line " + source.lineOf(earlier) + "); keep one of them");
            }
            Set<Node> visited = Collections.newSetFromMap(new IdentityHashMap<>());
            checkTags(source, key, tuple.getKeyNode(), visited);
            checkTags(source, key, tuple.getValueNode(), visited);
            fields.add(new Field(key, tuple.getKeyNode(), tuple.getValueNode()));
        }
        return fields;
    }

    /** The text of a mapping key; {@code field} is the enclosing top-level field, or null at the top. */
    static String keyText(FrontmatterSource source, Node keyNode, String field) {
        if (!(keyNode instanceof ScalarNode scalar) || scalar.getTag().equals(Tag.NULL)) {
            throw source.error(
                    keyNode,
                    field,
                    "a field name must be plain text, not " + YamlValues.describe(keyNode) + "; write 'name: value'");
        }
        if (scalar.getValue().equals("<<") && scalar.isPlain()) {
            throw source.error(
                    keyNode,
                    field == null ? "<<" : field,
                    "merge keys ('<<') are not supported in task files; write the fields out");
        }
        return scalar.getValue();
    }

    private static Node compose(FrontmatterSource source, String yaml, int maxCodePoints) {
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(MAX_ALIASES);
        options.setAllowRecursiveKeys(false);
        options.setNestingDepthLimit(MAX_NESTING);
        options.setCodePointLimit(maxCodePoints);
        options.setMergeOnCompose(false);
        // Composing only builds nodes, it never constructs objects; checkTags then refuses every
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
            int line = mark == null ? source.firstLine() - 1 : source.fileLine(mark.getLine());
            throw source.error(line, null, syntaxProblem(e));
        } catch (ReaderException e) {
            throw source.error(
                    source.fileLine(lineAt(yaml, e.getPosition())),
                    null,
                    String.format(
                            "the frontmatter contains the control character U+%04X, which YAML does not allow;"
                                    + " remove it",
                            e.getCodePoint()));
        } catch (YAMLException e) {
            throw source.error(source.firstLine() - 1, null, limitProblem(e));
        }
    }

    private static boolean runsOffTheEnd(MarkedYAMLException e) {
        String problem = String.valueOf(e.getProblem());
        return problem.contains("end of stream") || problem.contains("<stream end>");
    }

    private static String syntaxProblem(MarkedYAMLException e) {
        StringBuilder problem = new StringBuilder("the frontmatter is not valid YAML: ");
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

    private static String limitProblem(YAMLException e) {
        String message = String.valueOf(e.getMessage());
        if (message.contains("aliases")) {
            return "the frontmatter uses more than " + MAX_ALIASES
                    + " aliases ('*name') of lists or mappings; write the values out";
        }
        if (message.contains("Nesting Depth")) {
            return "the frontmatter is nested more than " + MAX_NESTING + " levels deep; flatten it";
        }
        if (message.contains("code points")) {
            return "the frontmatter is too long; put large material in the body or in a file the task refers to";
        }
        return "the frontmatter cannot be read: " + message;
    }

    private static void checkTags(FrontmatterSource source, String field, Node node, Set<Node> visited) {
        if (!visited.add(node)) {
            return;
        }
        if (!ALLOWED_TAGS.contains(node.getTag())) {
            throw source.error(
                    node,
                    field,
                    "the YAML tag '" + node.getTag().getValue() + "' is not allowed in task files; remove it and"
                            + " write a plain value");
        }
        if (node instanceof SequenceNode sequence) {
            for (Node item : sequence.getValue()) {
                checkTags(source, field, item, visited);
            }
        } else if (node instanceof MappingNode mapping) {
            for (NodeTuple tuple : mapping.getValue()) {
                checkTags(source, field, tuple.getKeyNode(), visited);
                checkTags(source, field, tuple.getValueNode(), visited);
            }
        }
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
}
