package dev.baton.plan;

import dev.baton.core.InvalidInputException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Plans without a model, by rules a person can check: a numbered or bulleted list gives one task per
 * item; otherwise sentences are split, and "then" / "and then" / "after that" splits a sentence and
 * makes what follows depend on what came before. The type comes from keywords (fix/bug → bug, test →
 * test, doc → docs, ...). Confidence says how much structure there was to go on: a list is clear, a
 * long paragraph without any is not. Every task says why it is there. Stateless.
 */
public final class HeuristicPlanner {
    private static final Pattern LIST_ITEM = Pattern.compile("^\\s*(?:\\d+[.)]|[-*•])\\s+(.+)$");
    private static final Pattern INLINE_NUMBER = Pattern.compile("(?:^|\\s)(\\d+)[.)]\\s+");
    private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?;])\\s+");
    private static final Pattern THEN = Pattern.compile("(?i),?\\s+(?:and\\s+)?then\\s+|(?i),?\\s+after\\s+that,?\\s+");
    private static final Pattern LEADING_THEN =
            Pattern.compile("(?i)^(?:and\\s+)?(?:then|after\\s+that|afterwards|finally|next),?\\s+");
    private static final int SHORT = 200;

    /** Keyword → type, first match wins (a "fix the flaky test" is a bug). */
    private static final List<List<String>> TYPES = List.of(
            List.of(
                    "bug",
                    "fix",
                    "fixes",
                    "bug",
                    "bugs",
                    "broken",
                    "crash",
                    "crashes",
                    "error",
                    "errors",
                    "regression"),
            List.of("test", "test", "tests", "testing", "coverage"),
            List.of("docs", "doc", "docs", "documentation", "document", "readme", "changelog"),
            List.of("refactor", "refactor", "refactoring", "rename", "simplify", "cleanup"),
            List.of("feature", "add", "implement", "create", "build", "support", "introduce", "allow"));

    private HeuristicPlanner() {}

    public static Plan plan(String requirement) {
        if (requirement == null || requirement.isBlank()) {
            throw new InvalidInputException("the requirement is empty; say what should be done");
        }
        String text = requirement.strip();
        List<Segment> segments = new ArrayList<>();
        double structure;
        String shape;
        List<String> items = listItems(text);
        if (items.size() >= 2) {
            for (String item : items) splitOnThen(item, segments);
            structure = 0.9;
            shape = "list item";
        } else {
            List<String> sentences = List.of(SENTENCE_END.split(text.replaceAll("\\s*\\n\\s*", " ")));
            boolean chained = false;
            for (String sentence : sentences) chained |= splitOnThen(sentence, segments);
            if (chained) {
                structure = 0.8;
            } else if (segments.size() == 1) {
                structure = text.length() <= SHORT ? 0.75 : 0.4;
            } else {
                structure = 0.55; // several sentences: separate tasks, or one task described at length?
            }
            shape = "sentence";
        }
        List<PlannedTask> tasks = new ArrayList<>();
        for (int i = 0; i < segments.size(); i++) {
            Segment segment = segments.get(i);
            String id = "p" + (i + 1);
            String[] type = type(segment.text());
            List<String> dependsOn = segment.afterPrevious() && i > 0 ? List.of("p" + i) : List.of();
            StringBuilder why = new StringBuilder(shape + " " + (i + 1) + " of " + segments.size());
            why.append(type[1] == null ? "; no type keyword, so 'general'" : "; type from '" + type[1] + "'");
            if (!dependsOn.isEmpty()) why.append("; after p").append(i).append(" ('then')");
            String prompt = segments.size() == 1
                    ? text
                    : segment.text() + "\n\nThis is one part of a larger requirement:\n\n" + text;
            tasks.add(new PlannedTask(
                    id, segment.text(), prompt, type[0], dependsOn, type[1] == null ? 0.6 : 0.9, why.toString()));
        }
        double average =
                tasks.stream().mapToDouble(PlannedTask::confidence).average().orElse(0);
        double confidence = Math.round(Math.min(structure, average) * 100) / 100.0;
        return new Plan(requirement, "heuristic", confidence, tasks);
    }

    private record Segment(String text, boolean afterPrevious) {}

    /**
     * The items of a list, continuation lines joined to their item; or of a numbered list written on
     * one line ({@code 1. this 2. that}); empty when there is no list.
     */
    private static List<String> listItems(String text) {
        List<String> items = lineItems(text);
        return items.size() >= 2 ? items : inlineItems(text);
    }

    /** {@code 1. a 2. b 3. c} in running text: numbers counting up from 1, else no list. */
    private static List<String> inlineItems(String text) {
        Matcher m = INLINE_NUMBER.matcher(text);
        List<int[]> marks = new ArrayList<>(); // start of the number, start of the item
        while (m.find()) {
            if (Integer.parseInt(m.group(1)) != marks.size() + 1) continue;
            marks.add(new int[] {m.start(1), m.end()});
        }
        List<String> items = new ArrayList<>();
        if (marks.size() < 2) return items;
        for (int i = 0; i < marks.size(); i++) {
            int end = i + 1 < marks.size() ? marks.get(i + 1)[0] : text.length();
            String item = text.substring(marks.get(i)[1], end).strip();
            if (!item.isEmpty()) items.add(item);
        }
        return items;
    }

    private static List<String> lineItems(String text) {
        List<String> items = new ArrayList<>();
        for (String line : text.lines().toList()) {
            Matcher m = LIST_ITEM.matcher(line);
            if (m.matches()) {
                items.add(m.group(1).strip());
            } else if (!items.isEmpty() && !line.isBlank()) {
                items.set(items.size() - 1, items.getLast() + " " + line.strip());
            }
        }
        return items;
    }

    /** Adds the parts of one sentence or item; returns whether "then" chained any. */
    private static boolean splitOnThen(String text, List<Segment> out) {
        boolean chained = false;
        Matcher leading = LEADING_THEN.matcher(text.strip());
        boolean first = true;
        String rest = text.strip();
        if (leading.find()) {
            rest = rest.substring(leading.end());
            chained = true;
        }
        for (String part : THEN.split(rest)) {
            String clean = clean(part);
            if (clean.isEmpty()) continue;
            boolean after = (first && chained) || !first;
            chained |= !first;
            out.add(new Segment(clean, after && !out.isEmpty()));
            first = false;
        }
        return chained;
    }

    private static String clean(String part) {
        String s = part.strip().replaceAll("[.;!]+$", "").strip();
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    /** The type and the keyword that decided it (null when none did). */
    private static String[] type(String text) {
        List<String> words = List.of(text.toLowerCase(Locale.ROOT).split("[^a-z0-9]+"));
        for (List<String> rule : TYPES) {
            for (String keyword : rule.subList(1, rule.size())) {
                if (words.contains(keyword)) return new String[] {rule.getFirst(), keyword};
            }
        }
        return new String[] {"general", null};
    }
}
