package dev.baton.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.testing.GitRepos;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** 'baton plan' with no llm-api agent registered: the heuristic planner. */
class PlanCliTest {
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
    void aConfidentPlanIsQueuedWithItsTypesAndDependencies() throws Exception {
        var planned = cli.run(
                "plan",
                "Fix the crash on empty input, then add a test for it and then document the behaviour",
                "--repo",
                repo.toString(),
                "--json");
        assertThat(planned.exitCode()).as(planned.err()).isZero();
        JsonNode plan = JSON.readTree(planned.out());
        assertThat(plan.get("method").asText()).isEqualTo("heuristic");
        assertThat(plan.get("confidence").asDouble()).isEqualTo(0.8);
        assertThat(plan.get("submitted").asBoolean()).isTrue();
        JsonNode tasks = plan.get("tasks");
        assertThat(tasks).hasSize(3);
        assertThat(tasks.get(2).get("depends_on").get(0).asText()).isEqualTo("p2");

        String testTask = tasks.get(1).get("task_id").asText();
        JsonNode shown = JSON.readTree(cli.run("show", testTask, "--json").out());
        assertThat(shown.get("type").asText()).isEqualTo("test");
        assertThat(shown.get("status").asText()).isEqualTo("queued");
        assertThat(JSON.readTree(cli.run("ls", "--json").out())).hasSize(3);
    }

    @Test
    void aLowConfidencePlanIsShownNotQueuedUnlessYes() throws Exception {
        String vague = "Users find onboarding confusing. The welcome screen says too little. Some never find the"
                + " import button.";
        var shown = cli.run("plan", vague, "--repo", repo.toString());
        assertThat(shown.exitCode()).isZero();
        assertThat(shown.out())
                .contains("ID", "TYPE", "AFTER", "CONF", "TASK")
                .contains("plan confidence 0.55 (heuristic)")
                .contains("not queued: confidence 0.55 is below 0.6");
        assertThat(JSON.readTree(cli.run("ls", "--json").out())).isEmpty();

        var forced = cli.run("plan", vague, "--repo", repo.toString(), "--yes");
        assertThat(forced.out()).contains("queued 3 task(s)");
        assertThat(JSON.readTree(cli.run("ls", "--json").out())).hasSize(3);
    }

    @Test
    void aBulletedRequirementStartingWithADashIsText() throws Exception {
        var planned = cli.run("plan", "- Fix the login crash\n- Update the docs", "--dry-run", "--json");
        assertThat(planned.exitCode()).as(planned.err()).isZero();
        JsonNode plan = JSON.readTree(planned.out());
        assertThat(plan.get("tasks")).hasSize(2);
        assertThat(plan.get("submitted").asBoolean()).isFalse();
    }
}
