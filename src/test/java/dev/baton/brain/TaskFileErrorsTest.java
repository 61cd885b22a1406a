package dev.baton.brain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.baton.core.TaskFileException;
import org.junit.jupiter.api.Test;

/** Every malformed file is refused with the file, the line, the field and what to write instead. */
class TaskFileErrorsTest {
    private final TaskFileParser parser = new TaskFileParser();

    private TaskFileException error(String content) {
        TaskFileException error =
                catchThrowableOfType(TaskFileException.class, () -> parser.parse("tasks/bad.md", content));
        assertThat(error).as("a TaskFileException").isNotNull();
        assertThat(error.file()).isEqualTo("tasks/bad.md");
        return error;
    }

    private static void assertAt(TaskFileException error, int line, String field, String... phrases) {
        assertThat(error.line()).as("line of: %s", error.getMessage()).isEqualTo(line);
        assertThat(error.field()).as("field of: %s", error.getMessage()).isEqualTo(field);
        String prefix = "tasks/bad.md:" + line + (field == null ? ": " : ": field '" + field + "': ");
        assertThat(error.getMessage()).startsWith(prefix).contains(phrases);
    }

    @Test
    void frontmatterNeverClosed() {
        assertAt(
                error("---\nid: t-1\npriority: high\n\n# Do it\n"),
                1,
                null,
                "never closed",
                "add a line with just '---'");
    }

    @Test
    void yamlSyntaxErrorOnItsLine() {
        TaskFileException error = error("""
                ---
                id: t-1
                priority: high
                title: Fix: the bug
                ---
                Go.
                """);

        assertAt(error, 4, null, "not valid YAML", "mapping values are not allowed here", "put quotes around");
    }

    @Test
    void yamlIndentationErrorOnItsLine() {
        TaskFileException error = error("""
                ---
                requires:
                    - code_execution
                  - file_access
                ---
                Go.
                """);

        assertThat(error.line()).isEqualTo(4);
        assertThat(error.getMessage()).contains("not valid YAML");
    }

    @Test
    void anUnclosedQuoteOrBracketIsReportedWhereItOpens() {
        assertAt(error("---\nid: t-1\ntitle: \"unterminated\nmode: autonomous\n---\nGo."), 3, null, "quoted scalar");
        assertAt(error("---\nid: t-1\ntags: [a, b\n\n---\nGo."), 3, null, "flow sequence");
    }

    @Test
    void anUndefinedAliasSaysToQuote() {
        assertAt(error("---\nid: t-1\ntitle: *bold\n---\nGo."), 3, null, "undefined alias", "must be quoted");
    }

    @Test
    void frontmatterThatIsNotFieldsButAList() {
        assertAt(error("---\n\n- id: t-1\n- priority: high\n---\nGo."), 3, null, "is a list", "'field: value' lines");
    }

    @Test
    void frontmatterThatIsNotFieldsButText() {
        assertAt(error("---\njust some words\n---\nGo."), 2, null, "the text 'just some words'", "'field: value'");
    }

    @Test
    void requiresMustBeNames() {
        assertAt(
                error("---\nid: t-1\nrequires: 5\n---\nGo."),
                3,
                "requires",
                "write a list of capability names",
                "not the number 5");
        assertAt(
                error("---\nrequires:\n  - code_execution\n  - {name: x}\n---\nGo."),
                4,
                "requires",
                "this entry is a mapping");
    }

    @Test
    void priorityMustBeAWordOrANumberInRange() {
        assertAt(
                error("---\nid: t-1\n\npriority: urgent-ish\n---\nGo."),
                4,
                "priority",
                "'urgent-ish' is not understood",
                "high, medium, low");
        assertAt(error("---\npriority: 11\n---\nGo."), 2, "priority", "out of range", "1 (runs first) to 10");
        assertAt(error("---\npriority: 2.5\n---\nGo."), 2, "priority", "whole number from 1");
        assertAt(error("---\npriority: [1]\n---\nGo."), 2, "priority", "not a list");
    }

    @Test
    void timeoutMustBeADuration() {
        assertAt(error("---\ntimeout: soon\n---\nGo."), 2, "timeout", "'soon' is not a duration", "30s, 5m, 2h");
        assertAt(error("---\ntimeout: 0m\n---\nGo."), 2, "timeout", "zero");
        assertAt(error("---\ntimeout: 99999999999999999999m\n---\nGo."), 2, "timeout", "longer than any task");
        assertAt(error("---\ntimeout: 999999999999999999d\n---\nGo."), 2, "timeout", "longer than any task");
    }

    @Test
    void dependsOnEntriesMustBeTaskIds() {
        assertAt(error("---\nid: t-1\ndepends_on: [{}]\n---\nGo."), 3, "depends_on", "task ids", "mapping");
        TaskFileException error = error("""
                ---
                depends_on:
                  - t-1
                  - t-2
                  - not an id!
                ---
                Go.
                """);
        assertAt(error, 5, "depends_on", "'not an id!' is not a valid task id");
    }

    @Test
    void estimatedTokensMustBeAWholeNumber() {
        assertAt(
                error("---\nestimated_tokens: lots\n---\nGo."),
                2,
                "estimated_tokens",
                "whole number",
                "like 50000",
                "not the text 'lots'");
        assertAt(error("---\nestimated_tokens: -5\n---\nGo."), 2, "estimated_tokens", "not the number -5");
    }

    @Test
    void retriesMustBeInRange() {
        assertAt(error("---\nretries: 50\n---\nGo."), 2, "retries", "from 0 to 20");
    }

    @Test
    void modeMustBeOneOfThree() {
        assertAt(
                error("---\ntitle: t\nmode: yolo\n---\nGo."),
                3,
                "mode",
                "unknown mode 'yolo'",
                "autonomous, plan-first or read-only");
    }

    @Test
    void idMustBeUsable() {
        assertAt(error("---\nid: task one/two\n---\nGo."), 2, "id", "not a valid task id", "letters, digits");
    }

    @Test
    void createdMustBeADate() {
        assertAt(error("---\ncreated: yesterday\n---\nGo."), 2, "created", "not a date", "2026-01-31T02:30:00Z");
        assertAt(error("---\ncreated: 2026-02-30\n---\nGo."), 2, "created", "not a date");
    }

    @Test
    void textFieldsTakeOneValue() {
        assertAt(error("---\ntitle:\n  - a\n  - b\n---\nGo."), 3, "title", "single value", "not a list");
    }

    @Test
    void noTextAndNoTitle() {
        assertAt(error("---\nid: t-1\npriority: high\n---\n\n  \n"), 5, null, "no text", "below the closing '---'");
        assertAt(error("---\nid: t-1\n---"), 4, null, "no text");
        assertAt(error(""), 1, null, "empty");
        assertAt(error("\n \n"), 1, null, "empty");
    }

    @Test
    void aFieldGivenTwice() {
        assertAt(
                error("---\npriority: high\nid: t-1\npriority: low\n---\nGo."),
                4,
                "priority",
                "appears twice (first on line 2)");
        assertAt(
                error("---\nagent: codex\npreferred_interface: claude-code\n---\nGo."),
                3,
                "preferred_interface",
                "'agent' (line 2) set the same thing");
        assertAt(error("---\nmeta:\n  a: 1\n  a: 2\n---\nGo."), 4, "meta", "the key 'a' appears twice");
    }

    @Test
    void customTagsAreRefused() {
        assertAt(
                error("---\nid: t-1\nhook: !!javax.script.ScriptEngineManager [x]\n---\nGo."),
                3,
                "hook",
                "YAML tag 'tag:yaml.org,2002:javax.script.ScriptEngineManager' is not allowed");
        assertAt(error("---\nmeta:\n  nested: !local 5\n---\nGo."), 3, "meta", "YAML tag '!local' is not allowed");
        assertAt(error("---\npriority: !!binary aGk=\n---\nGo."), 2, "priority", "is not allowed");
        assertAt(error("---\nid: t-1\n!!set owner: me\n---\nGo."), 3, "owner", "YAML tag 'tag:yaml.org,2002:set'");
    }

    @Test
    void mergeKeysAreRefused() {
        assertAt(
                error("---\nbase: &b {x: 1}\nmeta:\n  <<: *b\n---\nGo."),
                4,
                "meta",
                "merge keys ('<<') are not supported");
    }

    @Test
    void billionLaughsIsStoppedByTheAliasLimit() {
        StringBuilder yaml = new StringBuilder("---\na: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for (char level = 'b'; level <= 'i'; level++) {
            char previous = (char) (level - 1);
            yaml.append(level).append(": &").append(level).append(" [");
            yaml.append(("*" + previous + ", ").repeat(8))
                    .append('*')
                    .append(previous)
                    .append("]\n");
        }
        yaml.append("---\nGo.");

        assertAt(error(yaml.toString()), 1, null, "more than 20 aliases", "write the values out");
    }

    @Test
    void expansionWithinTheAliasLimitIsStoppedByTheValueBudget() {
        // 20 aliases, each level four times the one before: 10 * 4^5 values in the last field.
        TaskFileException error = error("""
                ---
                a: &a [x, x, x, x, x, x, x, x, x, x]
                b: &b [*a, *a, *a, *a]
                c: &c [*b, *b, *b, *b]
                d: &d [*c, *c, *c, *c]
                e: &e [*d, *d, *d, *d]
                f: [*e, *e, *e, *e]
                ---
                Go.
                """);

        assertAt(error, 7, "f", "more than 10000 values");
    }

    @Test
    void aValueThatContainsItselfIsRefused() {
        assertAt(error("---\nid: t-1\nloop: &l [a, *l]\n---\nGo."), 3, "loop", "contains itself");
    }

    @Test
    void deepNestingIsRefused() {
        String deep = "[".repeat(200) + "]".repeat(200);
        assertAt(error("---\nid: t-1\ndeep: " + deep + "\n---\nGo."), 1, null, "nested more than 50 levels");
    }

    @Test
    void controlCharactersInTheFrontmatterAreRefused() {
        assertAt(error("---\nid: t-1\ntitle: bell\u0007\n---\nGo."), 3, null, "U+0007");
    }

    @Test
    void oversizedTextIsRefused() {
        String content = "---\nid: t-1\n---\n" + "x".repeat(TaskFileParser.MAX_FILE_BYTES);

        assertAt(error(content), 1, null, "at most 1048576 bytes (1 MiB)");
    }

    @Test
    void aPromptOverTheTaskLimitIsRefusedWhereTheBodyStarts() {
        String content = "---\nid: t-1\n---\n" + "x".repeat(1_000_001);

        assertAt(error(content), 4, null, "1000001 characters", "the limit is 1000000");
    }

    @Test
    void relativeRepoWithoutAFolderToResolveAgainst() {
        TaskFileException error = catchThrowableOfType(
                TaskFileException.class, () -> parser.parse("bad\u0000name.md", "---\nrepo: code/app\n---\nGo."));

        assertThat(error.line()).isEqualTo(2);
        assertThat(error.field()).isEqualTo("repo");
        assertThat(error.getMessage()).contains("write an absolute path");
    }
}
