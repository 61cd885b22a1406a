package dev.baton.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.testing.GitRepos;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DecisionsCliTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private CliRunner cli;
    private Path repo;

    @BeforeEach
    void setUp() throws Exception {
        cli = new CliRunner(dir.resolve("home"));
        repo = GitRepos.create(dir.resolve("repo"));
    }

    @Test
    void aRiskyTaskWaitsUntilApprovedFromTheCommandLine() throws Exception {
        String id = cli.run(
                        "add",
                        "sudo -n true 2>/dev/null; echo went ahead",
                        "--repo",
                        repo.toString(),
                        "--type",
                        "shell")
                .out()
                .strip();
        var first = cli.run("run", "--until-idle", "--quiet");
        assertThat(first.exitCode()).isEqualTo(1);
        assertThat(first.out()).contains(id + " waiting_approval").contains("baton decisions");

        JsonNode pending = JSON.readTree(cli.run("decisions", "--json").out());
        assertThat(pending).hasSize(1);
        JsonNode decision = pending.get(0);
        assertThat(decision.get("task").asText()).isEqualTo(id);
        assertThat(decision.get("kind").asText()).isEqualTo("risky_command");
        assertThat(decision.get("details").get("rule").asText()).isEqualTo("sudo");
        String decisionId = decision.get("id").asText();
        assertThat(cli.run("decisions").out()).contains(decisionId).contains("risky_command");

        var noReason = cli.run("reject", decisionId);
        assertThat(noReason.exitCode()).isEqualTo(2);
        assertThat(noReason.err()).contains("--why");
        var unknown = cli.run("approve", "d-00000000");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).contains("no decision with id 'd-00000000'");

        var approved = cli.run("approve", decisionId, "--why", "sudo -n fails harmlessly here");
        assertThat(approved.exitCode()).as(approved.err()).isZero();
        assertThat(approved.out()).contains(decisionId + " approved");
        var second = cli.run("run", "--until-idle", "--quiet");
        assertThat(second.exitCode()).as(second.out()).isZero();

        JsonNode all = JSON.readTree(cli.run("decisions", "--all", "--json").out());
        assertThat(all.get(0).get("status").asText()).isEqualTo("approved");
        assertThat(all.get(0).get("answered_by").asText()).startsWith("cli:");
        assertThat(all.get(0).get("reason").asText()).isEqualTo("sudo -n fails harmlessly here");
        assertThat(cli.run("decisions").out()).contains("Nothing waits for a decision.");
    }

    @Test
    void mergeAsksForApprovalThenMergesTheBranch() throws Exception {
        String id = cli.run("add", "echo feature > feature.txt", "--repo", repo.toString(), "--type", "shell")
                .out()
                .strip();
        assertThat(cli.run("run", "--until-idle", "--quiet").exitCode()).isZero();

        var asked = cli.run("merge", "--project", repo.toString());
        assertThat(asked.exitCode()).as(asked.err()).isZero();
        assertThat(asked.out()).contains(id).contains("waiting for approval");
        assertThat(repo.resolve("feature.txt")).doesNotExist();
        JsonNode merge = JSON.readTree(cli.run("decisions", "--json").out()).get(0);
        assertThat(merge.get("kind").asText()).isEqualTo("merge");
        assertThat(cli.run("approve", merge.get("id").asText()).exitCode()).isZero();

        var merged = cli.run("merge", "--project", repo.toString());
        assertThat(merged.exitCode()).as(merged.err()).isZero();
        assertThat(merged.out()).contains(id).contains("merged");
        assertThat(repo.resolve("feature.txt")).hasContent("feature");
        assertThat(cli.run("merge", "--project", repo.toString()).out()).contains("already merged");
    }
}
