package dev.baton.brain;

import dev.baton.format.YamlDocument;
import dev.baton.format.YamlReader;
import dev.baton.format.YamlValues;
import java.util.ArrayList;
import java.util.List;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * Reads a frontmatter block, through Baton's one {@link YamlReader}, into its top-level fields in
 * file order, each with its YAML node so that every later complaint can name the exact line.
 * Stateless and thread-safe.
 */
final class YamlFrontmatter {

    /** One top-level {@code key: value} pair. */
    record Field(String key, Node keyNode, Node value) {}

    /** The block as read: the document (for converting values) and its fields. */
    record Block(YamlDocument document, List<Field> fields) {}

    private YamlFrontmatter() {}

    /** @throws dev.baton.format.YamlException for YAML the reader refuses, with the file's line */
    static Block read(FrontmatterSource source, String yaml, int maxChars) {
        YamlDocument document = new YamlReader("the frontmatter", maxChars).read(yaml, source.firstLine());
        if (document.isEmpty()) {
            return new Block(document, List.of());
        }
        if (!(document.root() instanceof MappingNode mapping)) {
            throw source.error(
                    document.root(),
                    null,
                    "the frontmatter is " + YamlValues.describe(document.root())
                            + "; it must be 'field: value' lines, like 'priority: high'");
        }
        List<Field> fields = new ArrayList<>();
        for (NodeTuple tuple : mapping.getValue()) {
            // The reader has checked the keys: plain text, each once.
            String key = ((ScalarNode) tuple.getKeyNode()).getValue();
            fields.add(new Field(key, tuple.getKeyNode(), tuple.getValueNode()));
        }
        return new Block(document, fields);
    }
}
