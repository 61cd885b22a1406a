package dev.baton.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.agent.AgentRegistry;
import dev.baton.agent.CommandAgent;
import dev.baton.core.AgentProfile;
import dev.baton.core.Event;
import dev.baton.core.EventTypes;
import dev.baton.core.FailureReason;
import dev.baton.core.Run;
import dev.baton.core.Task;
import dev.baton.core.TaskId;
import dev.baton.core.TaskSpec;
import dev.baton.core.TaskStatus;
import dev.baton.route.RoutingEvents;
import dev.baton.route.TaskRouter;
import dev.baton.testing.Eventually;
import dev.baton.testing.GitRepos;
import dev.baton.testing.TestBaton;
import dev.baton.workflow.Workflow;
import dev.baton.workflow.WorkflowTasks;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command agent runs a task's text with {@code sh -c}, so it takes only what is meant for it: a
 * task that names it, a shell task, a workflow {@code command:} step. Prose never reaches it: not by
 * capability, not as overflow, not after a failover, not from the planner.
 */
class CommandAgentRoutingTest {
    /**
     * Prose that, run as a shell command, would leave files behind: the redirection creates
     * notes.md even though there is no command "Fix", and the backticks run touch.
     */
    private static final String PROSE = "Fix the login bug: `touch pwned.txt` fails > notes.md";

    @TempDir
    Path dir;

    private TestBaton commandOnly() {
        return new TestBaton(dir.resolve("home"), 4, 4);
    }

    private TestBaton baton(AgentProfile... profiles) {
        AgentRegistry.Builder registry =
                AgentRegistry.builder().adapter(new CommandAgent()).adapter(new LimitedAgent());
        registry.profile(CommandAgent.defaultProfile(2));
        for (AgentProfile p : profiles) registry.profile(p);
        return new TestBaton(dir.resolve("home"), TestBaton.fastConfig(4), registry.build());
    }

    /** A stand-in coding agent (not of the command kind) that runs the text it gets as a script. */
    private static AgentProfile coding(String name) {
        return new AgentProfile(
                name,
                LimitedAgent.KIND,
                Set.of("code_execution", "file_access"),
                2,
                CommandAgent.DEFAULT_TEMPLATE,
                Map.of());
    }

    private static List<Event> events(TestBaton f, TaskId id, String type) {
        return f.baton.tasks().events(id, 0, 10_000).stream()
                .filter(e -> e.type().equals(type))
                .toList();
    }

    private static void awaitHeld(TestBaton f, TaskId id) {
        Eventually.await(id + " is held", Duration.ofSeconds(20), () -> !events(f, id, RoutingEvents.TASK_HELD)
                .isEmpty());
    }

    private List<Path> filesNamed(String... names) throws IOException {
        Set<String> wanted = Set.of(names);
        try (Stream<Path> all = Files.walk(dir)) {
            return all.filter(p -> wanted.contains(p.getFileName().toString())).toList();
        }
    }

    @Test
    void withOnlyTheCommandAgentAProseTaskWaitsWithTheReasonAndNothingRuns() throws Exception {
        Path repo = GitRepos.create(dir.resolve("repo"));
        try (TestBaton f = commandOnly()) {
            f.start();
            TaskId id = f.add(TaskSpec.builder(PROSE).repo(repo.toString()).build());
            awaitHeld(f, id);
            Eventually.await("only held work is left", Duration.ofSeconds(20), f.engine::onlyHeldWorkLeft);

            Task task = f.task(id);
            assertThat(task.status()).isEqualTo(TaskStatus.QUEUED);
            assertThat(f.runs(id)).isEmpty();
            assertThat(events(f, id, EventTypes.TASK_ROUTED)).isEmpty();
            assertThat(events(f, id, RoutingEvents.TASK_HELD)).singleElement().satisfies(e -> assertThat(e.data())
                    .containsEntry("why", "no coding agent is available: run `baton doctor`")
                    .containsEntry("why", TaskRouter.NO_CODING_AGENT));
            assertThat(f.engine.held()).containsEntry(id, TaskRouter.NO_CODING_AGENT);
            assertThat(filesNamed("notes.md", "pwned.txt")).isEmpty();
        }
    }

    @Test
    void aTaskSentToTheCommandAgentByNameOrTypedShellRuns() throws Exception {
        Path repo = GitRepos.create(dir.resolve("repo"));
        try (TestBaton f = commandOnly()) {
            f.start();
            TaskId named = f.add(TaskSpec.builder("echo hi > out.txt")
                    .repo(repo.toString())
                    .preferredAgent("command")
                    .build());
            TaskId typed = f.add(TaskSpec.builder("echo typed > typed.txt")
                    .type(TaskSpec.SHELL_TYPE)
                    .repo(repo.toString())
                    .build());
            f.awaitIdle();

            Task byName = f.task(named);
            Task byType = f.task(typed);
            assertThat(byName.status()).isEqualTo(TaskStatus.COMPLETED);
            assertThat(byType.status()).isEqualTo(TaskStatus.COMPLETED);
            assertThat(f.runs(named)).extracting(Run::agent).containsExactly("command");
            assertThat(f.runs(typed)).extracting(Run::agent).containsExactly("command");
            assertThat(GitRepos.git(repo, "show", byName.branch() + ":out.txt")).isEqualTo("hi");
            assertThat(GitRepos.git(repo, "show", byType.branch() + ":typed.txt"))
                    .isEqualTo("typed");
        }
    }

    @Test
    void aProfileOfTheCommandKindTakesTasksThatNameItAndNoProse() throws Exception {
        Path repo = GitRepos.create(dir.resolve("repo"));
        AgentProfile runner = new AgentProfile(
                "runner",
                CommandAgent.KIND,
                Set.of("code_execution", "file_access"),
                2,
                List.of("sh", "-c", "{prompt}"),
                Map.of());
        try (TestBaton f = baton(runner)) {
            f.start();
            TaskId named = f.add(TaskSpec.builder("echo wrapped > wrapped.txt")
                    .repo(repo.toString())
                    .preferredAgent("runner")
                    .build());
            TaskId prose = f.add(TaskSpec.builder(PROSE)
                    .requires(Set.of("code_execution"))
                    .repo(repo.toString())
                    .build());
            awaitHeld(f, prose);
            Eventually.await("only held work is left", Duration.ofSeconds(20), f.engine::onlyHeldWorkLeft);

            assertThat(f.task(named).status()).isEqualTo(TaskStatus.COMPLETED);
            assertThat(f.runs(named)).extracting(Run::agent).containsExactly("runner");
            assertThat(f.task(prose).status()).isEqualTo(TaskStatus.QUEUED);
            assertThat(f.runs(prose)).isEmpty();
            assertThat(f.engine.held()).containsEntry(prose, TaskRouter.NO_CODING_AGENT);
            assertThat(filesNamed("notes.md", "pwned.txt")).isEmpty();
        }
    }

    @Test
    void whenTheCodingAgentIsBusyProseWaitsForItRatherThanOverflowingToTheCommandAgent() throws Exception {
        Path repo = GitRepos.create(dir.resolve("repo"));
        Path gate = dir.resolve("go");
        // The coding agent has two slots; the six tasks are run by it, two at a time, never by command.
        try (TestBaton f = baton(coding("coder"))) {
            f.start();
            List<TaskId> ids = new java.util.ArrayList<>();
            for (int i = 1; i <= 6; i++) {
                ids.add(f.add(TaskSpec.builder("while [ ! -f " + gate + " ]; do sleep 0.1; done; echo fixed " + i)
                        .title("Fix the login bug " + i)
                        .repo(repo.toString())
                        .build()));
            }
            Eventually.await(
                    "the waiting tasks are held",
                    Duration.ofSeconds(20),
                    () -> ids.stream()
                                    .filter(id -> !events(f, id, RoutingEvents.TASK_HELD)
                                            .isEmpty())
                                    .count()
                            >= 4);
            Files.writeString(gate, "");
            f.awaitIdle();

            for (TaskId id : ids) {
                assertThat(f.task(id).status()).isEqualTo(TaskStatus.COMPLETED);
                assertThat(f.runs(id)).extracting(Run::agent).containsExactly("coder");
            }
        }
    }

    @Test
    void aFailingCodingAgentsTaskNeverFailsOverToTheCommandAgent() throws Exception {
        Path repo = GitRepos.create(dir.resolve("repo"));
        try (TestBaton f = baton(coding("coder"))) {
            f.start();
            // The stand-in reports a rate limit (exit 75), a failure that moves a task to another agent.
            TaskId id = f.add(TaskSpec.builder("echo tried >> tries.txt; exit " + LimitedAgent.RATE_LIMITED_EXIT)
                    .title("Write notes/plan.md and mark it final")
                    .repo(repo.toString())
                    .maxRetries(0)
                    .build());
            f.awaitIdle();

            Task task = f.task(id);
            List<Run> runs = f.runs(id);
            assertThat(task.status()).as(runs.toString()).isEqualTo(TaskStatus.FAILED);
            assertThat(task.failureReason()).isEqualTo(FailureReason.RATE_LIMITED);
            assertThat(runs).isNotEmpty().extracting(Run::agent).containsOnly("coder");
            assertThat(events(f, id, RoutingEvents.TASK_FAILOVER)).isEmpty();
        }
    }

    @Test
    void thePlannersTasksNeverGoToTheCommandAgent() throws Exception {
        Path repo = GitRepos.create(dir.resolve("repo"));
        try (TestBaton f = commandOnly()) {
            f.start();
            var plan = f.baton.planner().plan("make it better > better.txt, then run `touch pwned.txt`", null, true);
            List<TaskId> ids = f.baton.planner().submit(plan, repo.toString());
            f.engine.wake();
            assertThat(ids).hasSize(2);
            awaitHeld(f, ids.getFirst());
            // The second step waits behind the held first: work no agent here can move on.
            Eventually.await("only held work is left", Duration.ofSeconds(20), f.engine::onlyHeldWorkLeft);

            assertThat(f.engine.held()).containsEntry(ids.getFirst(), TaskRouter.NO_CODING_AGENT);
            for (TaskId id : ids) {
                assertThat(f.task(id).spec().isShell()).isFalse();
                assertThat(f.task(id).status()).isEqualTo(TaskStatus.QUEUED);
                assertThat(f.runs(id)).isEmpty();
            }
            assertThat(filesNamed("better.txt", "pwned.txt")).isEmpty();
        }
    }

    @Test
    void aWorkflowCommandStepStillRunsAndItsPromptStepWaitsForACodingAgent() throws Exception {
        Path repo = GitRepos.create(dir.resolve("repo"));
        Workflow workflow = Workflow.builder("ship")
                .stage(
                        "build",
                        s -> s.task("compile", t -> t.command("echo built > built.txt")
                                .capabilities("shell")))
                .stage("notes", s -> s.dependsOn("build")
                        .task("write", t -> t.prompt("Write notes/plan.md and mark it final > plan.md")))
                .build();
        try (TestBaton f = commandOnly()) {
            f.start();
            String runId = f.baton.workflows().submit(workflow, repo.toString()).runId();
            f.engine.wake();
            TaskId compile = WorkflowTasks.taskId(runId, "compile");
            TaskId write = WorkflowTasks.taskId(runId, "write");
            awaitHeld(f, write);
            Eventually.await("only held work is left", Duration.ofSeconds(20), f.engine::onlyHeldWorkLeft);

            Task compiled = f.task(compile);
            assertThat(compiled.spec().isShell()).isTrue();
            assertThat(compiled.status()).isEqualTo(TaskStatus.COMPLETED);
            assertThat(f.runs(compile)).extracting(Run::agent).containsExactly("command");
            assertThat(GitRepos.git(repo, "show", compiled.branch() + ":built.txt"))
                    .isEqualTo("built");
            assertThat(f.task(write).status()).isEqualTo(TaskStatus.QUEUED);
            assertThat(f.runs(write)).isEmpty();
            assertThat(f.engine.held()).containsEntry(write, TaskRouter.NO_CODING_AGENT);
            assertThat(filesNamed("plan.md")).isEmpty();
        }
    }
}
