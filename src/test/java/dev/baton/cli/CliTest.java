package dev.baton.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.testing.GitRepos;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CliTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    CliRunner cli;
    Path repo;

    @BeforeEach
    void setUp() throws Exception {
        cli = new CliRunner(dir.resolve("home"));
        repo = GitRepos.create(dir.resolve("repo"));
    }

    @Test
    void addPrintsTheIdAndRunUntilIdleCompletesTheTask() throws Exception {
        var added = cli.run("add", "echo built > out.txt", "--repo", repo.toString(), "--agent", "command");
        assertThat(added.exitCode()).isZero();
        String id = added.out().strip();
        assertThat(id).matches("t-[0-9a-f]{6}");

        var run = cli.run("run", "--until-idle");
        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains(id).contains("completed").contains("1 of 1 task(s) completed");

        JsonNode shown = JSON.readTree(cli.run("show", id, "--json").out());
        assertThat(shown.get("id").asText()).isEqualTo(id);
        assertThat(shown.get("status").asText()).isEqualTo("completed");
        assertThat(shown.get("agent").asText()).isEqualTo("command");
        assertThat(shown.get("branch").asText()).startsWith("baton/" + id + "-echo-built");
        assertThat(shown.get("failure_reason").isNull()).isTrue();
        assertThat(shown.get("runs")).hasSize(1);
        assertThat(shown.get("runs").get(0).get("files_changed").asInt()).isEqualTo(1);
    }

    @Test
    void addJsonGivesAnObjectWithTheId() throws Exception {
        var added =
                cli.run("add", "true", "--json", "--repo", repo.toString(), "--priority", "high", "--timeout", "90s");
        JsonNode node = JSON.readTree(added.out());
        assertThat(node.get("id").asText()).startsWith("t-");
        assertThat(node.get("priority").asInt()).isEqualTo(2);
        assertThat(node.get("timeout_seconds").asInt()).isEqualTo(90);
        assertThat(node.get("status").asText()).isEqualTo("queued");
    }

    @Test
    void runUntilIdleExitsOneWhenATaskFails() throws Exception {
        String ok = cli.run("add", "true", "--repo", repo.toString(), "--type", "shell")
                .out()
                .strip();
        String bad = cli.run("add", "echo nope >&2; exit 7", "--repo", repo.toString(), "--type", "shell")
                .out()
                .strip();
        var run = cli.run("run", "--until-idle", "--quiet");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).contains("1 of 2 task(s) completed").contains(bad).doesNotContain(ok + " ");

        JsonNode shown = JSON.readTree(cli.run("show", bad, "--json").out());
        assertThat(shown.get("failure_reason").asText()).isEqualTo("exit_code");
        assertThat(shown.get("failure_detail").asText()).isEqualTo("exited with code 7: nope");
    }

    @Test
    void lsJsonListsTasksWithTheirRuns() throws Exception {
        cli.run("add", "true", "--repo", repo.toString());
        cli.run("add", "false", "--repo", repo.toString());
        JsonNode list = JSON.readTree(cli.run("ls", "--json").out());
        assertThat(list).hasSize(2);
        assertThat(list.get(0).has("runs")).isTrue();
        assertThat(cli.run("ls").out()).contains("ID").contains("queued");
    }

    @Test
    void dependenciesAreGivenByIdAndUnknownOnesAreRefused() throws Exception {
        String first = cli.run("add", "true", "--repo", repo.toString()).out().strip();
        var second = cli.run("add", "true", "--repo", repo.toString(), "--depends-on", first);
        assertThat(second.exitCode()).isZero();
        var bad = cli.run("add", "true", "--depends-on", "t-000000");
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).contains("unknown task(s) [t-000000]");
    }

    @Test
    void unknownIdsAreUsageErrorsWithAHint() {
        var result = cli.run("show", "t-abcdef");
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("no task with id 't-abcdef'").contains("baton ls");
        assertThat(result.err()).doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(cli.run("cancel", "t-abcdef").exitCode()).isEqualTo(2);
        assertThat(cli.run("logs", "t-abcdef").exitCode()).isEqualTo(2);
        assertThat(cli.run("retry", "not an id!").err()).contains("not a valid task id");
    }

    @Test
    void aRepositoryPathThatIsNotGitIsRefused() throws Exception {
        Path plain = Files.createDirectories(dir.resolve("plain"));
        var result = cli.run("add", "true", "--repo", plain.toString());
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("is not a git repository");
        assertThat(cli.run("ls", "--json").out().strip()).isEqualTo("[ ]");
    }

    @Test
    void aDirtyBaseBranchIsReportedAndLeftUntouched() throws Exception {
        Files.writeString(repo.resolve("README.md"), "local edit\n");
        Files.writeString(repo.resolve("notes.txt"), "untracked\n");
        var added =
                cli.run("add", "cat README.md; echo agent > agent.txt", "--repo", repo.toString(), "--type", "shell");
        assertThat(added.exitCode()).isZero();
        assertThat(added.err()).contains("2 uncommitted change(s)").contains("will not see them");

        assertThat(cli.run("run", "--until-idle", "-q").exitCode()).isZero();
        String id = added.out().strip();
        JsonNode shown = JSON.readTree(cli.run("show", id, "--json").out());
        assertThat(shown.get("runs").get(0).get("summary").asText()).isEqualTo("# test repo");
        assertThat(Files.readString(repo.resolve("README.md"))).isEqualTo("local edit\n");
        assertThat(repo.resolve("agent.txt")).doesNotExist();
        assertThat(GitRepos.git(repo, "status", "--porcelain"))
                .contains("README.md")
                .contains("notes.txt");
    }

    @Test
    void aMalformedTaskFileIsRefusedNamingFileLineAndField() throws Exception {
        Path file = dir.resolve("task.md");
        Files.writeString(file, "---\nid: task-1\npriority: sometimes\n---\n# Task: x\n");
        var result = cli.run("add", "-f", file.toString());
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err())
                .contains(file.getFileName().toString())
                .contains(":3")
                .contains("priority");
    }

    @Test
    void aTaskFileIsQueuedWithItsOwnIdAndFields() throws Exception {
        Path file = dir.resolve("task-001.md");
        Files.writeString(file, """
                ---
                id: task-2026-01-31-001
                priority: high
                timeout: 10m
                custom_field: kept
                ---

                # Task: Print the date

                ## Input
                date
                """);
        var result = cli.run("add", "-f", file.toString(), "--repo", repo.toString(), "--json");
        assertThat(result.exitCode()).as(result.err()).isZero();
        JsonNode node = JSON.readTree(result.out());
        assertThat(node.get("id").asText()).isEqualTo("task-2026-01-31-001");
        assertThat(node.get("title").asText()).isEqualTo("Print the date");
        assertThat(node.get("priority").asInt()).isEqualTo(2);
        assertThat(node.get("timeout_seconds").asInt()).isEqualTo(600);
        assertThat(node.get("extra").get("custom_field").asText()).isEqualTo("kept");
        var again = cli.run("add", "-f", file.toString(), "--repo", repo.toString());
        assertThat(again.exitCode()).isEqualTo(2);
        assertThat(again.err()).contains("already exists");
    }

    @Test
    void badOptionsAreUsageErrors() {
        assertThat(cli.run("add", "true", "--timeout", "soon").err()).contains("not a duration");
        assertThat(cli.run("add", "true", "--priority", "11").err()).contains("out of range");
        assertThat(cli.run("add", "true", "--agent", "nobody").err()).contains("unknown agent 'nobody'");
        assertThat(cli.run("add").exitCode()).isEqualTo(2);
        assertThat(cli.run("frobnicate").exitCode()).isEqualTo(2);
    }

    @Test
    void cancelAndRetryMoveATaskAsTheySay() throws Exception {
        String id = cli.run("add", "exit 1", "--repo", repo.toString()).out().strip();
        var cancelled = cli.run("cancel", id);
        assertThat(cancelled.out()).contains("cancelled");
        assertThat(cli.run("cancel", id).err()).contains("already cancelled");
        assertThat(cli.run("retry", id).out()).contains("queued again");
        assertThat(JSON.readTree(cli.run("show", id, "--json").out())
                        .get("status")
                        .asText())
                .isEqualTo("queued");
    }

    @Test
    void logsPrintTheOutputOfTheLatestRun() throws Exception {
        String id = cli.run("add", "printf 'line one\\nline two\\n'", "--repo", repo.toString(), "--type", "shell")
                .out()
                .strip();
        cli.run("run", "--until-idle", "-q");
        assertThat(cli.run("logs", id).out()).isEqualTo("line one\nline two\n");
    }

    @Test
    void logsMaskSecretsTheAgentPrinted() throws Exception {
        String key = "sk-proj-" + "A1b2C3d4E5f6G7h8I9j0K1l2";
        String id = cli.run("add", "printf 'using %s\\ndone\\n' " + key, "--repo", repo.toString(), "--type", "shell")
                .out()
                .strip();
        cli.run("run", "--until-idle", "-q");
        assertThat(cli.run("logs", id).out()).isEqualTo("using [redacted]\ndone\n");
    }

    @Test
    void aTaskForAnAgentThatIsNotInstalledFailsBeforeLaunchWithTheReason() throws Exception {
        Path agents = Files.createDirectories(dir.resolve("home/agents"));
        Files.writeString(agents.resolve("ghost.md"), "---\nname: ghost\nkind: codex\ncommand: /nowhere/codex\n---\n");
        String id = cli.run("add", "fix it", "--agent", "ghost", "--repo", repo.toString())
                .out()
                .strip();

        assertThat(cli.run("run", "--until-idle", "-q").exitCode()).isEqualTo(1);

        JsonNode shown = JSON.readTree(cli.run("show", id, "--json").out());
        assertThat(shown.get("status").asText()).isEqualTo("failed");
        assertThat(shown.get("failure_reason").asText()).isEqualTo("binary_missing");
        assertThat(shown.get("failure_detail").asText()).contains("'/nowhere/codex' is not installed");
        assertThat(shown.get("runs")).isEmpty();

        JsonNode listed = JSON.readTree(cli.run("agents", "--json").out());
        assertThat(listed.findValuesAsText("name")).contains("command", "ghost");
        JsonNode command = java.util.stream.StreamSupport.stream(listed.spliterator(), false)
                .filter(agent -> agent.get("name").asText().equals("command"))
                .findFirst()
                .orElseThrow();
        java.util.List<String> envNames = new java.util.ArrayList<>();
        command.get("env_names").forEach(name -> envNames.add(name.asText()));
        assertThat(envNames)
                .as("the command agent gets the base environment, named, never valued")
                .contains("PATH")
                .noneMatch(name -> name.contains("="))
                .noneMatch(dev.baton.secret.EnvironmentPolicy::isSecretShaped);
        var doctor = cli.run("doctor");
        assertThat(doctor.out())
                .contains("no    ghost: '/nowhere/codex' is not installed")
                .contains("fix: npm install -g @openai/codex");
    }
}
