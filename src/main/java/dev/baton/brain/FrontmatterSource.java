package dev.baton.brain;

import dev.baton.core.TaskFileException;
import dev.baton.format.YamlException;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Where a frontmatter block sits in its file, so that positions the YAML parser reports (0-based,
 * counted from the start of the block) become 1-based lines of the file in error messages.
 *
 * @param fileName the file as the user named it
 * @param firstLine the 1-based file line of the block's first YAML line (the one after {@code ---})
 */
record FrontmatterSource(String fileName, int firstLine) {

    int lineOf(Node node) {
        return node.getStartMark().getLine() + firstLine;
    }

    TaskFileException error(Node node, String field, String problem) {
        return new TaskFileException(fileName, lineOf(node), field, problem);
    }

    /** The reader's complaint as a task-file error: its line is already a line of this file. */
    TaskFileException error(YamlException e) {
        return new TaskFileException(fileName, e.line(), e.field(), e.problem());
    }
}
