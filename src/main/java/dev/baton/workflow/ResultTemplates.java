package dev.baton.workflow;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code {{ tasks.ID.result }}} references in a task's text. Anything else between {@code {{ }}}
 * that starts with {@code tasks.} is a mistake worth reporting; other braces are left alone (shell
 * scripts use them).
 */
public final class ResultTemplates {
    private static final Pattern ANY_TASK_REFERENCE = Pattern.compile("\\{\\{\\s*tasks\\.([^}]*?)\\s*}}");
    private static final Pattern RESULT = Pattern.compile("([A-Za-z0-9_-]+)\\.result");

    private ResultTemplates() {}

    /** The task ids referred to, in order of appearance. */
    static List<String> references(String text, Where where) {
        List<String> ids = new ArrayList<>();
        Matcher m = ANY_TASK_REFERENCE.matcher(text);
        while (m.find()) {
            Matcher result = RESULT.matcher(m.group(1));
            if (!result.matches()) {
                throw new InvalidWorkflowException(
                        where,
                        "'" + m.group() + "' is not a result reference; write '{{ tasks.ID.result }}' with the id of"
                                + " an upstream task");
            }
            ids.add(result.group(1));
        }
        return ids;
    }

    /** Rewrites workflow task ids into the Baton task ids they became: {@code build} → {@code w-1a2b3c.build}. */
    static String qualify(String text, String runId) {
        return ANY_TASK_REFERENCE
                .matcher(text)
                .replaceAll(m -> Matcher.quoteReplacement("{{ tasks." + runId + "." + m.group(1) + " }}"));
    }
}
