package dev.baton.core;

/** A task file that cannot be read: names the file, the line and the field at fault. */
public final class TaskFileException extends InvalidInputException {
    private final String file;
    private final int line;
    private final String field;

    public TaskFileException(String file, int line, String field, String problem) {
        super(file + ":" + line + (field == null ? "" : ": field '" + field + "'") + ": " + problem);
        this.file = file;
        this.line = line;
        this.field = field;
    }

    public String file() {
        return file;
    }

    /** 1-based line number in the file. */
    public int line() {
        return line;
    }

    /** The frontmatter field at fault, or null when the problem is not in one field. */
    public String field() {
        return field;
    }
}
