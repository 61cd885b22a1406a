package dev.baton.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.agent.AgentRegistry;
import dev.baton.agent.CommandAgent;
import dev.baton.core.AgentProfile;
import dev.baton.core.Task;
import dev.baton.core.TaskStatus;
import dev.baton.testing.GitRepos;
import dev.baton.testing.TestBaton;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every workflow in examples/ runs here, on the command agent, against a real git repository. */
class ExamplesTest {
    private static final Path EXAMPLES = Path.of("examples");

    @TempDir
    Path dir;

    private Path repo() throws Exception {
        Path repo = GitRepos.create(dir.resolve("repo"));
        return repo;
    }

    private static String run(TestBaton baton, String example, Path repo) throws InterruptedException {
        Workflow workflow = WorkflowParser.parse(EXAMPLES.resolve(example));
        String runId = baton.baton.workflows().submit(workflow, repo.toString()).runId();
        baton.engine.wake();
        baton.awaitIdle();
        return runId;
    }

    private static Task task(TestBaton baton, String runId, String id) {
        return baton.task(WorkflowTasks.taskId(runId, id));
    }

    private static String result(TestBaton baton, String runId, String id) {
        return baton.runs(WorkflowTasks.taskId(runId, id)).getLast().result().summary();
    }

    @Test
    void parallelFanOutGathersThreeResults() throws Exception {
        Path repo = repo();
        try (TestBaton baton = new TestBaton(dir.resolve("home"), 4, 4)) {
            baton.start();
            String runId = run(baton, "parallel-fanout.yaml", repo);

            assertThat(baton.baton.workflows().get(runId).status()).isEqualTo("completed");
            List<String> survey = List.of("count-files", "last-commit", "authors");
            for (String id : survey) {
                assertThat(task(baton, runId, id).spec().dependsOn()).isEmpty();
            }
            Task report = task(baton, runId, "report");
            assertThat(report.spec().dependsOn()).hasSize(3);
            assertThat(GitRepos.git(repo, "show", report.branch() + ":REPORT.md"))
                    .isEqualTo("files: 1\nlast commit: initial\nauthors: 1");
        }
    }

    @Test
    void pipelinePassesResultsStageToStage() throws Exception {
        Path repo = repo();
        GitRepos.git(repo, "commit", "-q", "--allow-empty", "-m", "second change");
        try (TestBaton baton = new TestBaton(dir.resolve("home"), 4, 4)) {
            baton.start();
            String runId = run(baton, "pipeline.yaml", repo);

            assertThat(result(baton, runId, "extract")).isEqualTo("second change\ninitial");
            assertThat(result(baton, runId, "transform")).isEqualTo("SECOND CHANGE\nINITIAL");
            assertThat(result(baton, runId, "load")).isEqualTo("wrote 2 line(s) to CHANGES.txt");
            Task load = task(baton, runId, "load");
            assertThat(GitRepos.git(repo, "show", load.branch() + ":CHANGES.txt"))
                    .isEqualTo("SECOND CHANGE\nINITIAL");
        }
    }

    @Test
    void specialistRoutingSendsEachTaskToTheAgentWithItsCapabilities() throws Exception {
        Path repo = repo();
        AgentRegistry team = AgentRegistry.builder()
                .adapter(new CommandAgent())
                .profile(commandAgent("scribe", Set.of("docs", "shell")))
                .profile(commandAgent("verifier", Set.of("testing", "shell")))
                .build();
        try (TestBaton baton = new TestBaton(dir.resolve("home"), TestBaton.fastConfig(4), team)) {
            baton.start();
            String runId = run(baton, "specialist-routing.yaml", repo);

            assertThat(baton.baton.workflows().get(runId).status()).isEqualTo("completed");
            Task docs = task(baton, runId, "write-docs");
            Task checks = task(baton, runId, "run-checks");
            assertThat(docs.spec().requires()).containsExactly("docs");
            assertThat(docs.agent()).isEqualTo("scribe");
            assertThat(checks.agent()).isEqualTo("verifier");
            assertThat(result(baton, runId, "run-checks")).isEqualTo("checks passed");
            assertThat(GitRepos.git(repo, "show", docs.branch() + ":USAGE.md")).startsWith("# Usage");
        }
    }

    @Test
    void aWorkflowAgentNamedLikeABatonAgentGoesToThatAgent() throws Exception {
        Path repo = repo();
        AgentRegistry team = AgentRegistry.builder()
                .adapter(new CommandAgent())
                .profile(commandAgent("writer", Set.of("shell")))
                .profile(commandAgent("verifier", Set.of("testing", "shell")))
                .build();
        try (TestBaton baton = new TestBaton(dir.resolve("home"), TestBaton.fastConfig(4), team)) {
            baton.start();
            String runId = run(baton, "specialist-routing.yaml", repo);

            Task docs = task(baton, runId, "write-docs");
            assertThat(docs.spec().preferredAgent()).isEqualTo("writer");
            assertThat(docs.spec().requires()).isEmpty();
            assertThat(docs.agent()).isEqualTo("writer");
            assertThat(docs.status()).isEqualTo(TaskStatus.COMPLETED);
        }
    }

    @Test
    void buildTestDeployHoldsDeployForApproval() throws Exception {
        Path repo = repo();
        try (TestBaton baton = new TestBaton(dir.resolve("home"), 4, 4)) {
            baton.start();
            String runId = run(baton, "build-test-deploy.yaml", repo);

            assertThat(task(baton, runId, "build").status()).isEqualTo(TaskStatus.COMPLETED);
            assertThat(result(baton, runId, "build")).isEqualTo("built 1 file(s)");
            assertThat(task(baton, runId, "test").status()).isEqualTo(TaskStatus.COMPLETED);
            assertThat(result(baton, runId, "test")).isEqualTo("tests passed (built 1 file(s))");
            assertThat(task(baton, runId, "test").spec().maxRetries()).isEqualTo(1);

            Task deploy = task(baton, runId, "deploy");
            assertThat(deploy.spec().requiresApproval()).isTrue();
            assertThat(task(baton, runId, "build").spec().requiresApproval()).isFalse();
            assertThat(deploy.spec().timeout()).hasSeconds(300);
            assertThat(deploy.status()).isEqualTo(TaskStatus.WAITING_APPROVAL);
            assertThat(baton.runs(deploy.id())).isEmpty();
            assertThat(baton.baton.workflows().get(runId).status()).isNotEqualTo("completed");

            var decision = baton.baton.decisions().pending().stream()
                    .filter(d -> d.taskId().equals(deploy.id()))
                    .findFirst()
                    .orElseThrow();
            baton.baton.decisions().approve(decision.id(), "release-manager", "tests are green");
            baton.engine.wake();
            baton.awaitIdle();

            assertThat(task(baton, runId, "deploy").status()).isEqualTo(TaskStatus.COMPLETED);
            assertThat(result(baton, runId, "deploy")).isEqualTo("deployed after: tests passed (built 1 file(s))");
            assertThat(baton.baton.workflows().get(runId).status()).isEqualTo("completed");
        }
    }

    private static AgentProfile commandAgent(String name, Set<String> capabilities) {
        return new AgentProfile(name, CommandAgent.KIND, capabilities, 4, CommandAgent.DEFAULT_TEMPLATE, Map.of());
    }
}
