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

/** 'baton usage', 'baton schedule' and the routing shown by 'baton show', through the real CLI. */
class UsageAndScheduleCliTest {
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
    void usageShowsTodayPerAgentAndExportsMarkdownWithFrontmatter() throws Exception {
        String ok = cli.run("add", "echo built > out.txt", "--repo", repo.toString(), "--agent", "command")
                .out()
                .strip();
        cli.run("add", "echo broken >&2; exit 3", "--repo", repo.toString(), "--agent", "command", "--retries", "0");
        cli.run("run", "--until-idle", "-q");

        JsonNode shown = JSON.readTree(cli.run("show", ok, "--json").out());
        JsonNode routed = shown.get("routing").get(0);
        assertThat(routed.get("step").asText()).isEqualTo("routed");
        assertThat(routed.get("agent").asText()).isEqualTo("command");
        assertThat(routed.get("why").asText()).isEqualTo("command: preferred by the task");
        assertThat(cli.run("show", ok).out()).contains("routing:  attempt 1 → command: preferred by the task");

        var usage = cli.run("usage", "--json");
        assertThat(usage.exitCode()).as(usage.err()).isZero();
        JsonNode report = JSON.readTree(usage.out());
        JsonNode command = report.get("agents").get("command");
        assertThat(command.get("runs").asInt()).isEqualTo(2);
        assertThat(command.get("messages").asInt()).isEqualTo(2);
        assertThat(command.get("last_error").asText()).isEqualTo("exit_code: exited with code 3: broken");
        assertThat(report.get("days")).as(usage.out()).hasSize(1);
        assertThat(report.get("days").get(0).get("agent").asText()).isEqualTo("command");
        assertThat(report.get("projects")).hasSize(1);
        assertThat(report.get("projects").fieldNames().next()).endsWith("repo");
        assertThat(report.get("projects").elements().next().get("runs").asInt()).isEqualTo(2);

        var table = cli.run("usage", "--days", "3");
        assertThat(table.out())
                .contains("Today (")
                .contains("command")
                .contains("no limit")
                .contains("Last 3 day(s):");

        Path notes = dir.resolve("notes");
        var export = cli.run("usage", "--export", notes.toString());
        assertThat(export.exitCode()).as(export.err()).isZero();
        String md = Files.readString(notes.resolve("command.md"));
        assertThat(md)
                .startsWith("---\nagent: command\n")
                .contains("\nmessages_today: 2\n")
                .contains("\ntokens_today: 0\n")
                .contains("\nlimit_remaining: null\n")
                .contains("\nlast_error: \"exit_code: exited with code 3: broken\"\n")
                .contains("# command usage");
        assertThat(cli.run("usage", "--days", "0").exitCode()).isEqualTo(2);
    }

    @Test
    void aDailyPlanInRoutingYamlShowsWhatIsLeftAndHoldsWorkBack() throws Exception {
        Files.createDirectories(dir.resolve("home"));
        Files.writeString(
                dir.resolve("home/routing.yaml"), "warn_at: 0.5\nagents:\n  command: {messages_per_day: 2}\n");
        cli.run("add", "echo one", "--repo", repo.toString(), "--agent", "command");
        cli.run("run", "--until-idle", "-q");

        JsonNode command =
                JSON.readTree(cli.run("usage", "--json").out()).get("agents").get("command");
        assertThat(command.get("messages_left").asInt()).isEqualTo(1);
        assertThat(command.get("warning").asText()).isEqualTo("command used 50% of its messages per day");

        // The plan's last message, then a task that is held back: 'run --until-idle' stops and says why.
        cli.run("add", "echo two", "--repo", repo.toString(), "--agent", "command");
        String third = cli.run("add", "echo three", "--repo", repo.toString(), "--agent", "command")
                .out()
                .strip();
        var run = cli.run("run", "--until-idle");
        assertThat(run.exitCode()).as(run.out()).isEqualTo(1);
        assertThat(run.out())
                .contains(third + " queued (held: no agent can take it now: command has used today's quota)");
        assertThat(JSON.readTree(cli.run("show", third, "--json").out())
                        .get("routing")
                        .get(0)
                        .get("step")
                        .asText())
                .isEqualTo("held");

        Files.writeString(dir.resolve("home/routing.yaml"), "agents:\n  command: {tier: cheap}\n");
        var bad = cli.run("usage");
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).contains("agents.command.tier must be included, paid or fallback, not cheap");
    }

    @Test
    void schedulesAreAddedListedAndRemovedAndBadOnesRefused() throws Exception {
        var added = cli.run(
                "schedule", "add", "0 2 * * *", "echo nightly", "--window", "22:00-06:00", "--repo", repo.toString());
        assertThat(added.exitCode()).as(added.err()).isZero();
        String id = added.out().strip().split("\\s+")[0];
        assertThat(id).matches("s-[0-9a-f]{6}");
        assertThat(added.out()).contains("next at ");

        JsonNode listed = JSON.readTree(cli.run("schedule", "ls", "--json").out());
        assertThat(listed).hasSize(1);
        assertThat(listed.get(0).get("cron").asText()).isEqualTo("0 2 * * *");
        assertThat(listed.get(0).get("description").asText()).isEqualTo("at 02:00");
        assertThat(listed.get(0).get("window").asText()).isEqualTo("22:00-06:00");
        assertThat(listed.get(0).get("repo").asText()).isEqualTo(repo.toString());
        String table = cli.run("schedule", "ls").out();
        assertThat(table)
                .contains("CRON       DESCRIPTION")
                .contains(id + "  0 2 * * *  at 02:00")
                .contains("echo nightly");

        var badCron = cli.run("schedule", "add", "61 * * * *", "echo x");
        assertThat(badCron.exitCode()).isEqualTo(2);
        assertThat(badCron.err())
                .contains("cron minute field '61': Value 61 not in range [0, 59]; e.g. \"30 22 * * 1-5\"");
        var never = cli.run("schedule", "add", "0 0 30 feb *", "echo x");
        assertThat(never.exitCode()).isEqualTo(2);
        assertThat(never.err()).contains("cron expression '0 0 30 feb *' never matches a date");
        var fourFields = cli.run("schedule", "add", "0 2 * *", "echo x");
        assertThat(fourFields.err()).contains("has 4 field(s); it needs five");
        var badWindow = cli.run("schedule", "add", "@daily", "echo x", "--window", "late");
        assertThat(badWindow.err()).contains("window 'late' must look like HH:MM-HH:MM");
        var badAgent = cli.run("schedule", "add", "@daily", "echo x", "--agent", "nobody");
        assertThat(badAgent.err()).contains("unknown agent 'nobody'");

        assertThat(JSON.readTree(cli.run("schedule", "ls", "--json").out())).hasSize(1); // none of the bad ones kept
        assertThat(cli.run("schedule", "rm", id).out()).contains("removed " + id);
        var again = cli.run("schedule", "rm", id);
        assertThat(again.exitCode()).isEqualTo(2);
        assertThat(again.err()).contains("no schedule '" + id + "'");
    }
}
