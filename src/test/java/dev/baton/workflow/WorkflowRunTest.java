package dev.baton.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.agent.AgentRegistry;
import dev.baton.agent.CommandAgent;
import dev.baton.core.AgentProfile;
import dev.baton.core.FailureReason;
import dev.baton.core.Run;
import dev.baton.core.Task;
import dev.baton.core.TaskStatus;
import dev.baton.testing.Eventually;
import dev.baton.testing.GitRepos;
import dev.baton.testing.TestBaton;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Workflows run on a real engine, with the command agent, in real git repositories. */
class WorkflowRunTest {
    @TempDir
    Path dir;

    private Task task(TestBaton baton, String runId, String workflowTask) {
        return baton.task(WorkflowTasks.taskId(runId, workflowTask));
    }

    @Test
    void aDependentSeesTheResultOfTheTaskBeforeIt() throws Exception {
        Path repo = GitRepos.create(dir.resolve("repo"));
        Workflow workflow = WorkflowParser.parse("pipe.yaml", """
                name: pipe
                stages:
                  - name: produce
                    tasks:
                      - command: echo 42
                  - name: consume
                    dependsOn: produce
                    tasks:
                      - command: echo "got {{ tasks.produce.result }}" > got.txt
                """);
        try (TestBaton baton = new TestBaton(dir.resolve("home"), 4, 4)) {
            baton.start();
            String runId =
                    baton.baton.workflows().submit(workflow, repo.toString()).runId();
            baton.engine.wake();
            baton.awaitIdle();

            Task consume = task(baton, runId, "consume");
            assertThat(consume.status()).isEqualTo(TaskStatus.COMPLETED);
            assertThat(GitRepos.git(repo, "show", consume.branch() + ":got.txt"))
                    .isEqualTo("got 42");
            // the stored task keeps the reference; only the agent saw the result
            assertThat(consume.spec().prompt()).contains("{{ tasks." + runId + ".produce.result }}");
            Run produced = baton.runs(task(baton, runId, "produce").id()).getLast();
            Run consumed = baton.runs(consume.id()).getFirst();
            assertThat(consumed.startedAt()).isAfterOrEqualTo(produced.finishedAt());
            assertThat(baton.baton.workflows().get(runId).status()).isEqualTo("completed");
        }
    }

    @Test
    void aSequentialStageRunsItsTasksInOrderAndAParallelOneAllowsOverlap() {
        Workflow workflow = Workflow.builder("order")
                .stage("seq", s -> s.task("a", t -> t.command("true"))
                        .task("b", t -> t.command("true"))
                        .task("c", t -> t.command("true")))
                .stage("fan", s -> s.parallel(true)
                        .dependsOn("seq")
                        .task("x", t -> t.command("true"))
                        .task("y", t -> t.command("true")))
                .build();
        var specs = WorkflowTasks.plan(workflow, "w-000001", java.util.Set.of("command"), null);
        assertThat(specs.get(WorkflowTasks.taskId("w-000001", "a")).dependsOn()).isEmpty();
        assertThat(specs.get(WorkflowTasks.taskId("w-000001", "b")).dependsOn())
                .containsExactly(WorkflowTasks.taskId("w-000001", "a").value());
        assertThat(specs.get(WorkflowTasks.taskId("w-000001", "c")).dependsOn())
                .containsExactly(WorkflowTasks.taskId("w-000001", "b").value());
        assertThat(specs.get(WorkflowTasks.taskId("w-000001", "y")).dependsOn())
                .containsExactly(
                        WorkflowTasks.taskId("w-000001", "a").value(),
                        WorkflowTasks.taskId("w-000001", "b").value(),
                        WorkflowTasks.taskId("w-000001", "c").value());
        assertThat(specs.get(WorkflowTasks.taskId("w-000001", "x")).agent()).isEqualTo("command");
        assertThat(specs.get(WorkflowTasks.taskId("w-000001", "x")).tags()).containsExactly("workflow:w-000001");
    }

    @Test
    void continueOnErrorLetsDependentsRunAfterAFailure() throws Exception {
        Workflow workflow = WorkflowParser.parse("w.yaml", """
                name: tolerant
                stages:
                  - name: lint
                    tasks:
                      - command: echo 'style problems' >&2; exit 3
                        continueOnError: true
                  - name: build
                    dependsOn: lint
                    tasks:
                      - command: echo "lint said {{ tasks.lint.result }}"
                """);
        Workflow strict = WorkflowParser.parse("w.yaml", """
                name: strict
                stages:
                  - name: lint
                    tasks:
                      - command: exit 3
                  - name: build
                    dependsOn: lint
                    tasks:
                      - command: echo built
                """);
        try (TestBaton baton = new TestBaton(dir.resolve("home"), 4, 4)) {
            baton.start();
            String tolerant = baton.baton.workflows().submit(workflow, null).runId();
            String failing = baton.baton.workflows().submit(strict, null).runId();
            baton.engine.wake();
            baton.awaitIdle();

            assertThat(task(baton, tolerant, "lint").status()).isEqualTo(TaskStatus.FAILED);
            Task build = task(baton, tolerant, "build");
            assertThat(build.status()).isEqualTo(TaskStatus.COMPLETED);
            assertThat(baton.runs(build.id()).getLast().result().summary())
                    .isEqualTo("lint said style problems"); // a failed command's result is its error output
            assertThat(baton.baton.workflows().get(tolerant).status()).isEqualTo("completed");

            Task strictBuild = task(baton, failing, "build");
            assertThat(strictBuild.status()).isEqualTo(TaskStatus.FAILED);
            assertThat(strictBuild.failureReason()).isEqualTo(FailureReason.DEPENDENCY_FAILED);
            assertThat(baton.runs(strictBuild.id())).isEmpty();
            WorkflowRunView view = baton.baton.workflows().get(failing);
            assertThat(view.status()).isEqualTo("failed");
            assertThat(view.stages())
                    .extracting(WorkflowRunView.StageProgress::name, WorkflowRunView.StageProgress::failed)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple("lint", 1),
                            org.assertj.core.groups.Tuple.tuple("build", 1));
        }
    }

    @Test
    void aWorkflowInterruptedMidRunResumesAfterARestartAndRunsNothingTwice() throws Exception {
        Path home = dir.resolve("home");
        Path markers = Files.createDirectories(dir.resolve("markers"));
        Workflow workflow = Workflow.builder("resumable")
                .stage("slow", s -> s.parallel(true)
                        .task("one", t -> t.command("sleep 2; echo one >> " + markers + "/one"))
                        .task("two", t -> t.command("sleep 2; echo two >> " + markers + "/two")))
                .stage("after", s -> s.dependsOn("slow")
                        .task("three", t -> t.command("echo three >> " + markers + "/three"))
                        .task("four", t -> t.command("echo four >> " + markers + "/four")))
                .build();
        String runId;
        try (TestBaton first = new TestBaton(home, 4, 4)) {
            first.start();
            runId = first.baton.workflows().submit(workflow, null).runId();
            first.engine.wake();
            Eventually.await(
                    "the first stage running",
                    Duration.ofSeconds(30),
                    () -> task(first, runId, "one").status() == TaskStatus.RUNNING
                            && task(first, runId, "two").status() == TaskStatus.RUNNING);
            assertThat(first.baton.workflows().get(runId).status()).isEqualTo("running");
        } // the engine stops mid-run; the agents go on without it

        try (TestBaton second = new TestBaton(home, 4, 4)) {
            second.start();
            second.awaitIdle();
            WorkflowRunView view = second.baton.workflows().get(runId);
            assertThat(view.status()).isEqualTo("completed");
            assertThat(view.stages()).allMatch(WorkflowRunView.StageProgress::done);
            for (String name : java.util.List.of("one", "two", "three", "four")) {
                assertThat(second.runs(WorkflowTasks.taskId(runId, name)))
                        .as("runs of %s", name)
                        .hasSize(1);
                assertThat(Files.readAllLines(markers.resolve(name))).containsExactly(name);
            }
        }
    }

    @Test
    void theSeedWorkflowIsRefusedBeforeAnythingIsQueuedWhenNoAgentHasItsCapabilities() throws Exception {
        Workflow seed =
                WorkflowParser.parse("deploy.yaml", WorkflowParserTest.resource("seed-deploy-application.yaml"));
        try (TestBaton baton = new TestBaton(dir.resolve("home"), 4, 4)) {
            assertThatThrownBy(() -> baton.baton.workflows().submit(seed, null))
                    .isInstanceOf(InvalidWorkflowException.class)
                    .hasMessageStartingWith("stage 'build', task 'build-1': field 'agent': no Baton agent has all of"
                            + " [react, webpack] (what agent 'frontend-builder' asks for)");
            assertThat(baton.baton.tasks().list(dev.baton.store.TaskQuery.ALL)).isEmpty();
        }
    }

    @Test
    void theSeedWorkflowRunsOnATeamWithItsCapabilities() throws Exception {
        Path repo = GitRepos.create(dir.resolve("repo"));
        Path scripts = Files.createDirectories(repo.resolve("scripts"));
        Files.writeString(scripts.resolve("deploy.sh"), "#!/bin/sh\necho deployed\n");
        scripts.resolve("deploy.sh").toFile().setExecutable(true);
        GitRepos.git(repo, "add", "-A");
        GitRepos.git(repo, "commit", "-q", "-m", "deploy script");
        // A stand-in for npm on the agents' PATH: 'npm run X' prints "ran X".
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Files.writeString(bin.resolve("npm"), "#!/bin/sh\necho \"ran $2\"\n");
        bin.resolve("npm").toFile().setExecutable(true);
        Map<String, String> env = Map.of("PATH", bin + ":" + System.getenv("PATH"));
        java.util.List<String> template = CommandAgent.DEFAULT_TEMPLATE;
        AgentRegistry team = AgentRegistry.builder()
                .adapter(new CommandAgent())
                .profile(new AgentProfile("web", "command", Set.of("react", "webpack"), 2, template, env))
                .profile(new AgentProfile("api", "command", Set.of("node", "typescript"), 2, template, env))
                .profile(new AgentProfile("qa", "command", Set.of("jest", "cypress"), 2, template, env))
                .profile(new AgentProfile("ops", "command", Set.of("docker", "k8s"), 2, template, env))
                .build();
        Workflow seed =
                WorkflowParser.parse("deploy.yaml", WorkflowParserTest.resource("seed-deploy-application.yaml"));
        try (TestBaton baton = new TestBaton(dir.resolve("home"), TestBaton.fastConfig(4), team)) {
            baton.start();
            String runId = baton.baton.workflows().submit(seed, repo.toString()).runId();
            baton.engine.wake();
            baton.awaitIdle();

            assertThat(task(baton, runId, "build-1").agent()).isEqualTo("web");
            assertThat(task(baton, runId, "build-2").agent()).isEqualTo("api");
            assertThat(task(baton, runId, "test").agent()).isEqualTo("qa");
            assertThat(baton.runs(task(baton, runId, "build-1").id())
                            .getLast()
                            .result()
                            .summary())
                    .isEqualTo("ran build:frontend");
            assertThat(baton.runs(task(baton, runId, "test").id())
                            .getLast()
                            .result()
                            .summary())
                    .isEqualTo("ran test:all");
            Task deploy = task(baton, runId, "deploy");
            assertThat(deploy.spec().requiresApproval()).isTrue();
            assertThat(deploy.spec().requires()).containsExactlyInAnyOrder("docker", "k8s");
            if (deploy.status() == TaskStatus.WAITING_APPROVAL || deploy.status() == TaskStatus.QUEUED) {
                assertThat(baton.runs(deploy.id())).isEmpty(); // held at the gate
            } else {
                assertThat(deploy.agent()).isEqualTo("ops");
            }
        }
    }
}
