package dev.baton.format;

import org.yaml.snakeyaml.nodes.Node;

/**
 * One YAML document as {@link YamlReader} read it: its node graph and where it sits in its file, so
 * that every node can be named by its line there.
 *
 * @param root the top node, or null when the document is empty
 * @param firstLine the 1-based line of the file that holds the document's first line
 */
public record YamlDocument(Node root, int firstLine) {

    public boolean isEmpty() {
        return root == null;
    }

    /** The 1-based file line a node starts on. */
    public int lineOf(Node node) {
        return node.getStartMark().getLine() + firstLine;
    }

    /**
     * Where a problem with the document as a whole is reported: the line before it (a task file's
     * opening {@code ---}), or line 1 when the document starts the file.
     */
    public int wholeLine() {
        return Math.max(1, firstLine - 1);
    }

    /** A problem with a node, reported on its line. */
    public YamlException error(Node node, String field, String problem) {
        return new YamlException(lineOf(node), field, problem);
    }
}
