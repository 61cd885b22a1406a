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

class WorkflowCliTest {
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
    void runFileStartsTheWorkflowAndWorkflowsListsIt() throws Exception {
        Path file = Files.writeString(dir.resolve("ci.yaml"), """
                name: ci
                stages:
                  - name: build
                    parallel: true
                    tasks:
                      - id: compile
                        command: echo compiled > compiled.txt; echo ok
                      - id: docs
                        command: echo docs
                  - name: test
                    dependsOn: build
                    tasks:
                      - command: echo "compile said {{ tasks.compile.result }}"
                """);
        var run = cli.run("run", "-f", file.toString(), "--repo", repo.toString(), "--until-idle", "--quiet");
        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out())
                .containsPattern("workflow ci started as w-[0-9a-f]{6}: 3 task\\(s\\) in 2 stage\\(s\\)")
                .contains("3 of 3 task(s) completed")
                .containsPattern("workflow ci \\(w-[0-9a-f]{6}\\): completed");

        JsonNode runs = JSON.readTree(cli.run("workflows", "--json").out());
        assertThat(runs).hasSize(1);
        JsonNode ci = runs.get(0);
        assertThat(ci.get("name").asText()).isEqualTo("ci");
        assertThat(ci.get("status").asText()).isEqualTo("completed");
        assertThat(ci.get("stages").get(0).get("name").asText()).isEqualTo("build");
        assertThat(ci.get("stages").get(0).get("completed").asInt()).isEqualTo(2);
        assertThat(ci.get("stages").get(1).get("completed").asInt()).isEqualTo(1);
        String runId = ci.get("id").asText();

        JsonNode test = JSON.readTree(cli.run("show", runId + ".test", "--json").out());
        assertThat(test.get("runs").get(0).get("summary").asText()).isEqualTo("compile said ok");

        var table = cli.run("workflows");
        assertThat(table.out()).contains(runId).contains("completed").contains("build 2/2 test 1/1");
    }

    @Test
    void anInvalidWorkflowIsRefusedWithItsLineAndNothingIsQueued() throws Exception {
        Path file = Files.writeString(dir.resolve("bad.yaml"), """
                name: bad
                stages:
                  - name: build
                    tasks:
                      - command: make
                  - name: test
                    dependsOn: biuld
                    tasks:
                      - command: make test
                """);
        var run = cli.run("run", "-f", file.toString(), "--repo", repo.toString(), "--until-idle");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains(file + ":7: field 'dependsOn': unknown stage 'biuld'");
        assertThat(JSON.readTree(cli.run("ls", "--json").out())).isEmpty();
        assertThat(cli.run("workflows").out()).contains("No workflow runs");
    }
}
