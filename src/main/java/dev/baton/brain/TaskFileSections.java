package dev.baton.brain;

import dev.baton.core.TaskFileException;

/**
 * A task file cut into its frontmatter (between a first line {@code ---} and the next line
 * {@code ---} or {@code ...}) and its body (everything after). Expects {@code \n} line endings.
 *
 * @param frontmatter the YAML text, or null when the file has no frontmatter
 * @param frontmatterFirstLine the 1-based line of the YAML text's first line
 * @param body the text after the frontmatter, or the whole text
 * @param bodyFirstLine the 1-based line the body starts on
 */
record TaskFileSections(String frontmatter, int frontmatterFirstLine, String body, int bodyFirstLine) {

    static TaskFileSections split(String fileName, String text) {
        int firstEnd = lineEnd(text, 0);
        if (!isDelimiter(text.substring(0, firstEnd), false)) {
            return new TaskFileSections(null, 0, text, 1);
        }
        int line = 1;
        int start = Math.min(firstEnd + 1, text.length());
        int yamlStart = start;
        while (start < text.length()) {
            int end = lineEnd(text, start);
            line++;
            if (isDelimiter(text.substring(start, end), true)) {
                String yaml = text.substring(yamlStart, start);
                String body = end < text.length() ? text.substring(end + 1) : "";
                return new TaskFileSections(yaml, 2, body, line + 1);
            }
            start = end + 1;
        }
        throw new TaskFileException(
                fileName,
                1,
                null,
                "the frontmatter opened with '---' on line 1 is never closed; add a line with just '---'"
                        + " after the last field, before the task text");
    }

    boolean hasFrontmatter() {
        return frontmatter != null;
    }

    private static int lineEnd(String text, int from) {
        int end = text.indexOf('\n', from);
        return end < 0 ? text.length() : end;
    }

    private static boolean isDelimiter(String line, boolean closing) {
        String trimmed = line.stripTrailing();
        return trimmed.equals("---") || (closing && trimmed.equals("..."));
    }
}
