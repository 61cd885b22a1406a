package dev.baton.workflow;

import java.util.regex.Pattern;

/** The one rule for stage, task and agent ids: they end up inside Baton task ids. */
final class Names {
    static final Pattern VALID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,59}");

    private Names() {}

    static String check(String name, Where where) {
        if (name == null || name.isBlank()) {
            throw new InvalidWorkflowException(where, "is missing; give a short name such as 'build'");
        }
        if (!VALID.matcher(name).matches()) {
            throw new InvalidWorkflowException(
                    where,
                    "'" + name + "' is not a valid name: use 1 to 60 letters, digits, '_' or '-', starting with a"
                            + " letter or digit");
        }
        return name;
    }
}
