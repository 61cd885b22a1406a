package dev.baton.brain;

import dev.baton.core.TaskFileException;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Where a frontmatter block sits in its file, so that positions the YAML parser reports (0-based,
 * counted from the start of the block) become 1-based lines of the file in error messages.
 *
 * @param fileName the file as the user named it
 * @param firstLine the 1-based file line of the block's first YAML line (the one after {@code ---})
 */
record FrontmatterSource(String fileName, int firstLine) {

    /** The 1-based file line of a 0-based line inside the block. */
    int fileLine(int yamlLine) {
        return yamlLine + firstLine;
    }

    int lineOf(Node node) {
        return fileLine(node.getStartMark().getLine());
    }

    TaskFileException error(Node node, String field, String problem) {
        return new TaskFileException(fileName, lineOf(node), field, problem);
    }

    TaskFileException error(int line, String field, String problem) {
        return new TaskFileException(fileName, line, field, problem);
    }
}
