package dev.baton.workflow;

import dev.baton.core.InvalidInputException;

/**
 * A workflow that cannot run as written: a reference to something that does not exist, a cycle, a
 * bad value. When it was read from a file the message starts with {@code file:LINE:}.
 */
public final class InvalidWorkflowException extends InvalidInputException {
    private final Where where;
    private final String problem;

    public InvalidWorkflowException(Where where, String problem) {
        super(where.describe() + (where.field() == null ? "" : ": field '" + where.field() + "'") + ": " + problem);
        this.where = where;
        this.problem = problem;
    }

    InvalidWorkflowException(String file, int line, Where where, String problem) {
        super(file + ":" + line + (where.field() == null ? "" : ": field '" + where.field() + "'") + ": " + problem);
        this.where = where;
        this.problem = problem;
    }

    public Where where() {
        return where;
    }

    /** The problem without the place. */
    public String problem() {
        return problem;
    }
}
