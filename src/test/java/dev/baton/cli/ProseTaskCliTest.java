package dev.baton.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.testing.GitRepos;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The default set-up (no coding agent installed, only the built-in command agent): prose is never run
 * as a shell command; it waits, and {@code run --until-idle} says which tasks wait and why.
 */
class ProseTaskCliTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String HELD = "held: no coding agent is available: run `baton doctor`";

    @TempDir
    Path dir;

    CliRunner cli;
    Path repo;

    @BeforeEach
    void setUp() throws Exception {
        cli = new CliRunner(dir.resolve("home"));
        repo = GitRepos.create(dir.resolve("repo"));
    }

    private boolean anyFileNamed(String name) throws Exception {
        try (Stream<Path> all = Files.walk(dir)) {
            return all.anyMatch(p -> p.getFileName().toString().equals(name));
        }
    }

    @Test
    void aProseTaskIsHeldAndRunUntilIdleListsItWithTheReasonAndExitsOne() throws Exception {
        String prose = cli.run("add", "Fix the login bug > notes.md", "--repo", repo.toString())
                .out()
                .strip();
        String shell = cli.run("add", "echo hi > out.txt", "--repo", repo.toString(), "--type", "shell")
                .out()
                .strip();

        var run = cli.run("run", "--until-idle", "-q");

        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(1);
        assertThat(run.out())
                .contains("1 of 2 task(s) completed")
                .contains(prose + " queued (" + HELD + ")")
                .doesNotContain(shell + " ");
        JsonNode shown = JSON.readTree(cli.run("show", prose, "--json").out());
        assertThat(shown.get("status").asText()).isEqualTo("queued");
        assertThat(shown.get("runs")).isEmpty();
        assertThat(anyFileNamed("notes.md")).isFalse();
        assertThat(cli.run("doctor").out())
                .contains("No coding agent can take work")
                .contains("--type shell");
    }

    @Test
    void aCodingAgentThatCannotWorkHereLeavesProseHeldNotFailedNorRunAsShell() throws Exception {
        Path agents = Files.createDirectories(dir.resolve("home/agents"));
        Files.writeString(agents.resolve("ghost.md"), "---\nname: ghost\nkind: codex\ncommand: /nowhere/codex\n---\n");
        String prose = cli.run("add", "Fix the login bug > notes.md", "--repo", repo.toString())
                .out()
                .strip();

        var run = cli.run("run", "--until-idle", "-q");

        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(1);
        assertThat(run.out()).contains(prose + " queued (" + HELD + ")");
        assertThat(JSON.readTree(cli.run("show", prose, "--json").out()).get("runs"))
                .isEmpty();
        assertThat(anyFileNamed("notes.md")).isFalse();
    }

    @Test
    void aPlansTasksWaitForACodingAgentInsteadOfRunningAsShellCommands() throws Exception {
        var planned = cli.run(
                "plan", "make it better > better.txt, then document it > docs.txt", "--repo", repo.toString(), "--yes");
        assertThat(planned.exitCode()).as(planned.err()).isZero();
        JsonNode tasks = JSON.readTree(cli.run("ls", "--json").out());
        assertThat(tasks).hasSize(2);

        var run = cli.run("run", "--until-idle", "-q");

        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(1);
        assertThat(run.out())
                .contains("0 of 2 task(s) completed")
                .contains(HELD)
                .contains("(waits for ");
        assertThat(anyFileNamed("better.txt")).isFalse();
        assertThat(anyFileNamed("docs.txt")).isFalse();
    }
}
