package dev.baton.brain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.baton.core.TaskFileException;
import dev.baton.core.TaskId;
import dev.baton.core.TaskMode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The task files users bring, taken verbatim from the design notes Baton grew out of. */
class TaskFileSeedsTest {
    private final TaskFileParser parser = new TaskFileParser();

    @TempDir
    Path dir;

    @Test
    void theTaskQueueExampleParsesAsWritten() throws IOException {
        Path file = copy("task-queue-format-example.md", "task-2026-01-31-001.md");

        TaskFile task = parser.parse(file);

        assertThat(task.id()).isEqualTo(TaskId.of("task-2026-01-31-001"));
        assertThat(task.created()).isEqualTo(Instant.parse("2026-01-31T02:30:00Z"));
        assertThat(task.declaredStatus()).isEqualTo("pending");
        var spec = task.spec();
        assertThat(spec.priority()).isEqualTo(5);
        assertThat(spec.requires()).containsExactlyInAnyOrder("code_execution", "file_access");
        assertThat(spec.preferredAgent()).isEqualTo("claude-code");
        assertThat(spec.timeout()).isEqualTo(Duration.ofMinutes(60));
        assertThat(spec.title()).isEqualTo("Analyze vault folder structure");
        assertThat(spec.prompt())
                .startsWith("# Task: Analyze vault folder structure\n\n## Input\n")
                .contains("## Input\nObsidian vault at `D:\\Obsidian\\main-vault`\n")
                .contains("## Expected Output\n- Folder tree analysis in `knowledge/insights/vault-structure.md`")
                .endsWith("## Context\n- See `context/priorities.md` for why this matters\n"
                        + "- User wants to consolidate scattered notes");
        assertThat(spec.mode()).isEqualTo(TaskMode.AUTONOMOUS);
        assertThat(spec.type()).isEqualTo("general");
        assertThat(spec.dependsOn()).isEmpty();
        assertThat(spec.extra()).isEmpty();
        assertThat(spec.source()).isEqualTo("file:" + file.toAbsolutePath());
    }

    @Test
    void aWholeDesignNoteWithFrontmatterIsATask() throws IOException {
        TaskFile task = parser.parse(copy("orchestration-layer-design.md", "design.md"));

        assertThat(task.id()).isNull();
        assertThat(task.created()).isEqualTo(Instant.parse("2026-01-31T00:00:00Z"));
        assertThat(task.declaredStatus()).isNull();
        assertThat(task.spec().title()).isEqualTo("Orchestration Layer Design");
        assertThat(task.spec().tags()).containsExactly("design", "orchestration", "architecture");
        assertThat(task.spec().preferredAgent()).isEqualTo("desktop-architect");
        assertThat(task.spec().extra())
                .containsExactly(
                        org.assertj.core.api.Assertions.entry("updated", "2026-01-31T09:45"),
                        org.assertj.core.api.Assertions.entry(
                                "aliases", List.of("orchestration design", "task queue design")));
        assertThat(task.spec().prompt())
                .startsWith("# Orchestration Layer Design\n\n> Practical design")
                .contains("## Task Queue Format")
                .endsWith("*Design by Desktop Orchestration Architect Agent — 2026-01-31*");
    }

    @Test
    void aWholeDesignNoteWithoutFrontmatterIsAllPrompt() throws IOException {
        Path file = copy("orchestration-architecture.md", "architecture.md");

        TaskFile task = parser.parse(file);

        assertThat(task.id()).isNull();
        assertThat(task.spec().title()).isEqualTo("Orchestration Architecture");
        assertThat(task.spec().prompt()).isEqualTo(Files.readString(file).strip());
        assertThat(task.spec().extra()).isEmpty();
    }

    @Test
    void theTaskSpecTemplateIsRefusedWhereItsPlaceholdersAreNotYaml() throws IOException {
        // "preferred_interface: [name] | any" is a list followed by more text: not YAML.
        TaskFileException error = catchThrowableOfType(
                TaskFileException.class, () -> parser.parse(copy("task-spec-format-template.md", "template.md")));

        assertThat(error.line()).isEqualTo(8);
        assertThat(error.field()).isNull();
        assertThat(error.getMessage()).contains("template.md:8: the frontmatter is not valid YAML");
    }

    @Test
    void theTaskSpecTemplateFilledInParses() {
        String filled = """
                ---
                id: task-20260131T023000-k3x9
                created: 2026-01-31T02:30:00+01:00
                priority: high
                requires:
                  - code_execution
                  - web_search
                preferred_interface: any
                timeout: 30m
                ---

                # Task: Summarise open pull requests

                ## Input
                The repository's open pull requests.

                ## Expected Output
                A table in `knowledge/insights/prs.md`.

                ## Context
                - `context/priorities.md`
                """;

        TaskFile task = parser.parse("tasks/pending/task-001.md", filled);

        assertThat(task.id()).isEqualTo(TaskId.of("task-20260131T023000-k3x9"));
        assertThat(task.created()).isEqualTo(Instant.parse("2026-01-31T01:30:00Z"));
        assertThat(task.spec().priority()).isEqualTo(2);
        assertThat(task.spec().requires()).containsExactlyInAnyOrder("code_execution", "web_search");
        assertThat(task.spec().preferredAgent()).isNull();
        assertThat(task.spec().timeout()).isEqualTo(Duration.ofMinutes(30));
        assertThat(task.spec().title()).isEqualTo("Summarise open pull requests");
        assertThat(task.spec().prompt()).contains("## Expected Output\nA table in `knowledge/insights/prs.md`.");
        assertThat(task.spec().source()).isEqualTo("file:tasks/pending/task-001.md");
    }

    private Path copy(String resource, String name) throws IOException {
        Path target = dir.resolve(name);
        try (InputStream in = getClass().getResourceAsStream("seeds/" + resource)) {
            assertThat(in).as("test resource seeds/%s", resource).isNotNull();
            Files.copy(in, target);
        }
        return target;
    }
}
