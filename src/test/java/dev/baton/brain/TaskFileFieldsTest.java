package dev.baton.brain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import dev.baton.core.TaskId;
import dev.baton.core.TaskMode;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What each frontmatter field becomes, in the simple form and the richer one. */
class TaskFileFieldsTest {
    private final TaskFileParser parser = new TaskFileParser();

    private TaskFile parse(String content) {
        return parser.parse("task.md", content);
    }

    @ParameterizedTest
    @CsvSource({"high, 2", "medium, 5", "low, 8", "1, 1", "10, 10", "'\"7\"', 7", "High, 2"})
    void priorityWordsAndNumbers(String written, int expected) {
        TaskFile task = parse("---\npriority: " + written + "\n---\nDo it.");

        assertThat(task.spec().priority()).isEqualTo(expected);
    }

    @Test
    void approvalAndVerifyCommands() {
        TaskFile task = parse("""
                ---
                requires_approval: true
                verify:
                  - ./mvnw -q test
                  - npm run lint
                ---
                Deploy it.
                """);

        assertThat(task.spec().requiresApproval()).isTrue();
        assertThat(task.spec().verify()).containsExactly("./mvnw -q test", "npm run lint");
        assertThat(task.spec().extra()).isEmpty();
    }

    @Test
    void approvalMustBeTrueOrFalse() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> parse("---\nrequiresApproval: maybe\n---\nDo it."))
                .hasMessageContaining("task.md:2")
                .hasMessageContaining("true or false");
    }

    @Test
    void simpleForm() {
        TaskFile task = parse("""
                ---
                id: fix-login
                created: 2026-02-03
                priority: low
                requires:
                  - code_execution
                preferred_interface: any
                timeout: 1h30m
                status: active
                ---
                Fix the login form.
                """);

        assertThat(task.id()).isEqualTo(TaskId.of("fix-login"));
        assertThat(task.created()).isEqualTo(Instant.parse("2026-02-03T00:00:00Z"));
        assertThat(task.declaredStatus()).isEqualTo("active");
        assertThat(task.spec().priority()).isEqualTo(8);
        assertThat(task.spec().requires()).containsExactly("code_execution");
        assertThat(task.spec().preferredAgent()).isNull();
        assertThat(task.spec().timeout()).isEqualTo(Duration.ofMinutes(90));
        assertThat(task.spec().prompt()).isEqualTo("Fix the login form.");
        assertThat(task.spec().title()).isEqualTo("Fix the login form.");
    }

    @Test
    void richerForm() {
        TaskFile task = parse("""
                ---
                id: t-rich.1
                title: Add retry to the HTTP client
                type: feature
                priority: 3
                mode: plan-first
                depends_on: [t-base, t-schema]
                tags: [http, resilience]
                agent: codex
                model_hint: fast
                estimated_tokens: 50000
                retries: 2
                base_branch: develop
                repo: /srv/code/client
                timeout: 45m
                ---
                Wrap every outbound call in a retry with jittered backoff.
                """);

        var spec = task.spec();
        assertThat(task.id()).isEqualTo(TaskId.of("t-rich.1"));
        assertThat(spec.title()).isEqualTo("Add retry to the HTTP client");
        assertThat(spec.type()).isEqualTo("feature");
        assertThat(spec.priority()).isEqualTo(3);
        assertThat(spec.mode()).isEqualTo(TaskMode.PLAN_FIRST);
        assertThat(spec.dependsOn()).containsExactly(TaskId.of("t-base"), TaskId.of("t-schema"));
        assertThat(spec.tags()).containsExactly("http", "resilience");
        assertThat(spec.preferredAgent()).isEqualTo("codex");
        assertThat(spec.modelHint()).isEqualTo("fast");
        assertThat(spec.estimatedTokens()).isEqualTo(50_000L);
        assertThat(spec.maxRetries()).isEqualTo(2);
        assertThat(spec.baseBranch()).isEqualTo("develop");
        assertThat(spec.repo()).isEqualTo("/srv/code/client");
        assertThat(spec.timeout()).isEqualTo(Duration.ofMinutes(45));
        assertThat(spec.prompt()).isEqualTo("Wrap every outbound call in a retry with jittered backoff.");
        assertThat(spec.extra()).isEmpty();
    }

    @Test
    void singleValuesWhereListsAreExpected() {
        TaskFile task = parse("""
                ---
                depends_on: t-base
                requires: code_execution
                tags: docs
                ---
                Document it.
                """);

        assertThat(task.spec().dependsOn()).containsExactly(TaskId.of("t-base"));
        assertThat(task.spec().requires()).containsExactly("code_execution");
        assertThat(task.spec().tags()).containsExactly("docs");
    }

    @Test
    void modesAndNumericIdsAsWritten() {
        TaskFile task = parse("---\nid: 42\nmode: READ_ONLY\ndepends_on: [7, t-8]\ntimeout: 90\n---\nLook only.");

        assertThat(task.id()).isEqualTo(TaskId.of("42"));
        assertThat(task.spec().mode()).isEqualTo(TaskMode.READ_ONLY);
        assertThat(task.spec().dependsOn()).containsExactly(TaskId.of("7"), TaskId.of("t-8"));
        assertThat(task.spec().timeout()).isEqualTo(Duration.ofSeconds(90));
    }

    @Test
    void fieldNamesMatchWhateverTheCaseOrSeparator() {
        TaskFile task = parse("""
                ---
                dependsOn: [t-a]
                Preferred-Interface: gemini
                model-hint: deep
                max_retries: 1
                ---
                Go.
                """);

        assertThat(task.spec().dependsOn()).containsExactly(TaskId.of("t-a"));
        assertThat(task.spec().preferredAgent()).isEqualTo("gemini");
        assertThat(task.spec().modelHint()).isEqualTo("deep");
        assertThat(task.spec().maxRetries()).isEqualTo(1);
        assertThat(task.spec().extra()).isEmpty();
    }

    @Test
    void emptyValuesMeanNotGiven() {
        TaskFile task = parse("---\nid:\ntimeout: ~\nrequires:\nstatus: null\n---\nGo.");

        assertThat(task.id()).isNull();
        assertThat(task.declaredStatus()).isNull();
        assertThat(task.spec().timeout()).isEqualTo(Duration.ofMinutes(30));
        assertThat(task.spec().requires()).isEmpty();
    }

    @Test
    void createdInTheFormsPeopleWrite() {
        assertThat(parse("---\ncreated: 2026-01-31T09:45\n---\nGo.").created())
                .isEqualTo(Instant.parse("2026-01-31T09:45:00Z"));
        assertThat(parse("---\ncreated: 2026-01-31 02:30:00 +2\n---\nGo.").created())
                .isEqualTo(Instant.parse("2026-01-31T00:30:00Z"));
        assertThat(parse("---\ncreated: \"2026-01-31T02:30:00.250Z\"\n---\nGo.").created())
                .isEqualTo(Instant.parse("2026-01-31T02:30:00.250Z"));
    }

    @Test
    void unknownFieldsAreKeptInOrderWithTheirValues() {
        TaskFile task = parse("""
                ---
                zeta: last-letter
                owner:
                  name: Ada
                  teams: [core, infra]
                  since: 2024-05-01
                  on_call: true
                priority: 4
                budget: 12.5
                big: 12345678901
                huge: 123456789012345678901234567890
                norway: no
                octal_looking: 0755
                hex: 0x1F
                nothing:
                due: 2026-03-01 17:00:00
                alpha: [1, [2, 3], {k: v}]
                ---
                Go.
                """);

        Map<String, Object> extra = task.spec().extra();
        assertThat(extra.keySet())
                .containsExactly(
                        "zeta",
                        "owner",
                        "budget",
                        "big",
                        "huge",
                        "norway",
                        "octal_looking",
                        "hex",
                        "nothing",
                        "due",
                        "alpha");
        assertThat(extra.get("zeta")).isEqualTo("last-letter");
        @SuppressWarnings("unchecked")
        Map<String, Object> owner = (Map<String, Object>) extra.get("owner");
        assertThat(owner)
                .containsExactly(
                        entry("name", "Ada"),
                        entry("teams", List.of("core", "infra")),
                        entry("since", "2024-05-01"),
                        entry("on_call", true));
        assertThat(extra.get("budget")).isEqualTo(12.5);
        assertThat(extra.get("big")).isEqualTo(12_345_678_901L);
        assertThat(extra.get("huge")).isEqualTo(new BigInteger("123456789012345678901234567890"));
        assertThat(extra.get("norway")).isEqualTo("no");
        assertThat(extra.get("octal_looking")).isEqualTo(755);
        assertThat(extra.get("hex")).isEqualTo(31);
        assertThat(extra).containsEntry("nothing", null);
        assertThat(extra.get("due")).isEqualTo("2026-03-01T17:00:00Z");
        assertThat(extra.get("alpha")).isEqualTo(List.of(1, List.of(2, 3), Map.of("k", "v")));
        assertThat(task.spec().priority()).isEqualTo(4);
    }

    @Test
    void aFewAliasesAreExpandedInUnknownFields() {
        TaskFile task = parse("""
                ---
                defaults: &defaults {lint: true, tests: [unit, it]}
                check: *defaults
                label: &name release
                again: *name
                ---
                Go.
                """);

        Map<String, Object> defaults = Map.of("lint", true, "tests", List.of("unit", "it"));
        assertThat(task.spec().extra())
                .containsExactly(
                        entry("defaults", defaults),
                        entry("check", defaults),
                        entry("label", "release"),
                        entry("again", "release"));
    }

    @Test
    void theFirstHeadingIsTheTitleEvenOverATitleField() {
        TaskFile task = parse("""
                ---
                title: Short name
                ---
                Some context first.

                # Task:   Rename the module  #

                ## Steps
                # not this one
                """);

        assertThat(task.spec().title()).isEqualTo("Rename the module");
        assertThat(task.spec().prompt()).startsWith("Some context first.\n\n# Task:   Rename the module  #");
    }

    @Test
    void headingsInsideCodeBlocksAreNotTitles() {
        TaskFile task = parse("""
                Run this:

                ```bash
                # install
                make install
                ```

                # Install the tool
                """);

        assertThat(task.spec().title()).isEqualTo("Install the tool");
    }

    @Test
    void theTitleFieldWhenThereIsNoHeadingElseTheFirstLine() {
        assertThat(parse("---\ntitle: From the field\n---\nDo the thing.\nCarefully.")
                        .spec()
                        .title())
                .isEqualTo("From the field");
        assertThat(parse("---\npriority: 1\n---\n\n## Do the thing\nCarefully.")
                        .spec()
                        .title())
                .isEqualTo("Do the thing");
    }

    @Test
    void aTitleAloneIsEnoughWhenTheBodyIsEmpty() {
        TaskFile task = parse("---\ntitle: Bump the dependencies\n---\n\n   \n");

        assertThat(task.spec().title()).isEqualTo("Bump the dependencies");
        assertThat(task.spec().prompt()).isEqualTo("Bump the dependencies");
    }

    @Test
    void noFrontmatterMeansTheWholeTextIsThePrompt() {
        String text = "Rename Foo to Bar everywhere.\n\nid: not-a-field\n---\nstill prompt\n";

        TaskFile task = parse(text);

        assertThat(task.id()).isNull();
        assertThat(task.spec().prompt()).isEqualTo(text.strip());
        assertThat(task.spec().title()).isEqualTo("Rename Foo to Bar everywhere.");
        assertThat(task.spec().source()).isEqualTo("file:task.md");
    }

    @Test
    void anEmptyFrontmatterAndTheYamlDocumentEndMarker() {
        assertThat(parse("---\n---\nGo.").spec().prompt()).isEqualTo("Go.");
        TaskFile task = parse("---\npriority: high\n...\nGo.\n---\nMore.");
        assertThat(task.spec().priority()).isEqualTo(2);
        assertThat(task.spec().prompt()).isEqualTo("Go.\n---\nMore.");
    }

    @Test
    void oneParserServesManyThreads() {
        String text = "---\nid: t-1\npriority: high\nmeta: {a: [1, 2]}\n---\n# Task: Shared\nGo.";
        TaskFile expected = parse(text);

        List<TaskFile> parsed = java.util.stream.IntStream.range(0, 400)
                .parallel()
                .mapToObj(i -> parse(text))
                .toList();

        assertThat(parsed).allSatisfy(task -> assertThat(task).isEqualTo(expected));
    }

    @Test
    void theBodyIsKeptVerbatimApartFromSurroundingBlankLines() {
        String body = "# Task: Tidy\n\n  indented line\n\n| a | b |\n|---|---|\n\ttab\n";

        TaskFile task = parse("---\nid: t-1\n---\n\n\n" + body + "\n\n");

        assertThat(task.spec().prompt()).isEqualTo(body.strip());
    }
}
