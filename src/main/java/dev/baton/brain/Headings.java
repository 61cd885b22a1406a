package dev.baton.brain;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Finds a Markdown document's first level-one heading, skipping fenced code blocks. Stateless. */
final class Headings {
    private static final Pattern HEADING = Pattern.compile("^ {0,3}#(?:[ \\t]+(.*?))?(?:[ \\t]+#+)?[ \\t]*$");
    private static final Pattern FENCE = Pattern.compile("^ {0,3}(`{3,}|~{3,})");

    private Headings() {}

    /** The first {@code # } heading's text without a leading {@code Task:}, or null if there is none. */
    static String firstTitle(String markdown) {
        String fence = null;
        for (String line : markdown.split("\n", -1)) {
            Matcher fenceMatch = FENCE.matcher(line);
            if (fenceMatch.find()) {
                String marker = fenceMatch.group(1);
                if (fence == null) {
                    fence = marker;
                } else if (marker.charAt(0) == fence.charAt(0) && marker.length() >= fence.length()) {
                    fence = null;
                }
                continue;
            }
            if (fence != null) {
                continue;
            }
            Matcher heading = HEADING.matcher(line);
            if (heading.matches() && heading.group(1) != null) {
                String title = heading.group(1).strip();
                if (title.regionMatches(true, 0, "Task:", 0, 5)) {
                    title = title.substring(5).strip();
                }
                if (!title.isEmpty()) {
                    return title;
                }
            }
        }
        return null;
    }
}
