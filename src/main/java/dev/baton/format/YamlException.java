package dev.baton.format;

import dev.baton.core.InvalidInputException;

/**
 * YAML that Baton will not read: broken syntax, a custom tag, too many aliases, too large, a key
 * written twice. Names the line (of the file the YAML sits in) and, when the problem lies in one
 * top-level field, that field. Each reader turns it into its own error (a task file's, a workflow's)
 * with the file's name in front.
 */
public final class YamlException extends InvalidInputException {
    private final int line;
    private final String field;
    private final String problem;

    public YamlException(int line, String field, String problem) {
        super("line " + line + (field == null ? "" : ": field '" + field + "'") + ": " + problem);
        this.line = line;
        this.field = field;
        this.problem = problem;
    }

    /** 1-based line in the file. */
    public int line() {
        return line;
    }

    /** The top-level field the problem is in, or null when it is not in one field. */
    public String field() {
        return field;
    }

    /** What is wrong and what to do, without the place. */
    public String problem() {
        return problem;
    }
}
