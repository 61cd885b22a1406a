package dev.baton.cli;

import dev.baton.Baton;
import dev.baton.core.Task;
import dev.baton.core.TaskId;
import dev.baton.core.TaskStatus;
import dev.baton.engine.Engine;
import dev.baton.engine.EngineConfig;
import dev.baton.store.TaskQuery;
import dev.baton.tasks.TaskIntake;
import dev.baton.workflow.Workflow;
import dev.baton.workflow.WorkflowParser;
import dev.baton.workflow.WorkflowRunView;
import dev.baton.workflow.WorkflowService;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "run",
        description = "Run the engine in the foreground: dispatch queued tasks, supervise runs. Ctrl-C stops it;"
                + " running agents go on and the next start picks them up. With -f, first start a workflow run.")
final class RunCommand implements Callable<Integer> {
    @Mixin
    HomeOption home;

    @Option(
            names = "--until-idle",
            description = "Exit when nothing is queued or running: 0 if every task completed, 1 otherwise")
    boolean untilIdle;

    @Option(names = "--max-runs", paramLabel = "N", description = "Runs at once (default 8)")
    int maxRuns = EngineConfig.defaults().maxConcurrentRuns();

    @Option(
            names = {"-q", "--quiet"},
            description = "No progress lines")
    boolean quiet;

    @Option(
            names = {"-f", "--file"},
            paramLabel = "WORKFLOW.yaml",
            description = "Start a run of this workflow (stages of tasks; see examples/) before running the engine")
    Path workflowFile;

    @Option(
            names = "--repo",
            paramLabel = "DIR",
            description = "With -f: the git repository the workflow's tasks work in (default: this folder, if it"
                    + " is one; else each task gets a scratch folder)")
    Path repo;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        if (maxRuns < 1 || maxRuns > 10_000) {
            throw new dev.baton.core.InvalidInputException("--max-runs must be between 1 and 10000");
        }
        EngineConfig config = EngineConfig.defaults().withMaxConcurrentRuns(maxRuns);
        var out = spec.commandLine().getOut();
        Workflow workflow = workflowFile == null ? null : WorkflowParser.parse(workflowFile);
        if (workflow == null && repo != null) {
            throw new dev.baton.core.InvalidInputException(
                    "--repo goes with -f WORKFLOW.yaml; for single tasks use" + " 'baton add TEXT --repo DIR'");
        }
        try (Baton baton = home.open(config)) {
            Set<TaskId> watched = ConcurrentHashMap.newKeySet();
            baton.tasks()
                    .list(new TaskQuery(
                            EnumSet.complementOf(
                                    EnumSet.of(TaskStatus.COMPLETED, TaskStatus.FAILED, TaskStatus.CANCELLED)),
                            100_000))
                    .forEach(t -> watched.add(t.id()));
            baton.subscribe(e -> {
                if (e.taskId() != null) watched.add(e.taskId());
            });
            String workflowRun = workflow == null ? null : startWorkflow(baton, workflow, watched, out);
            if (!quiet) baton.subscribe(new ProgressPrinter(out));
            Engine engine = baton.engine(config);
            CountDownLatch stopped = new CountDownLatch(1);
            Thread hook = new Thread(() -> {
                engine.close();
                stopped.countDown();
            });
            Runtime.getRuntime().addShutdownHook(hook);
            engine.start();
            if (!untilIdle) {
                out.println("Baton engine running on " + baton.home().root() + " (Ctrl-C to stop)");
                out.flush();
                stopped.await();
                return Main.OK;
            }
            while (!engine.isIdle() && !engine.onlyHeldWorkLeft()) Thread.sleep(100);
            var held = engine.held();
            engine.close();
            Runtime.getRuntime().removeShutdownHook(hook);
            int summary = summarize(baton, watched, held, out);
            if (workflowRun == null) return summary;
            WorkflowRunView view = baton.workflows().get(workflowRun);
            out.println("workflow " + view.name() + " (" + view.id() + "): " + view.status());
            out.flush();
            return view.status().equals("completed") ? Main.OK : Main.FAILURE;
        }
    }

    private String startWorkflow(Baton baton, Workflow workflow, Set<TaskId> watched, java.io.PrintWriter out) {
        String repoPath = null;
        if (repo != null) {
            repoPath = repo.toAbsolutePath().normalize().toString();
        } else if (TaskIntake.insideGitRepository(Path.of("").toAbsolutePath())) {
            repoPath = Path.of("").toAbsolutePath().toString();
        }
        WorkflowService.Submitted submitted = baton.workflows().submit(workflow, repoPath);
        submitted.tasks().forEach(t -> watched.add(t.id()));
        submitted.warnings().forEach(w -> spec.commandLine().getErr().println("baton: warning: " + w));
        out.println("workflow " + workflow.name() + " started as " + submitted.runId() + ": "
                + submitted.tasks().size() + " task(s) in " + workflow.stages().size() + " stage(s)");
        out.flush();
        return submitted.runId();
    }

    private static int summarize(
            Baton baton, Set<TaskId> watched, java.util.Map<TaskId, String> held, java.io.PrintWriter out) {
        List<Task> tasks = watched.stream()
                .map(id -> baton.tasks().find(id))
                .flatMap(java.util.Optional::stream)
                .toList();
        long completed =
                tasks.stream().filter(t -> t.status() == TaskStatus.COMPLETED).count();
        out.println("idle: " + completed + " of " + tasks.size() + " task(s) completed");
        tasks.stream()
                .filter(t -> t.status() != TaskStatus.COMPLETED)
                .forEach(t -> out.println("  " + t.id() + " " + t.status().wireName()
                        + (t.failureReason() == null
                                ? ""
                                : " (" + t.failureReason().wireName() + ": " + t.failureDetail() + ")")
                        + (held.containsKey(t.id()) ? " (held: " + held.get(t.id()) + ")" : "")
                        + waitingOn(baton, t)));
        long waiting = tasks.stream()
                .filter(t -> t.status() == TaskStatus.WAITING_APPROVAL)
                .count();
        if (waiting > 0) {
            out.println(waiting + " task(s) wait for a decision: see 'baton decisions', then 'baton approve ID'"
                    + " or 'baton reject ID --why ...'");
        }
        out.flush();
        return completed == tasks.size() ? Main.OK : Main.FAILURE;
    }

    /** For a queued task behind unfinished dependencies (a held one, say): which they are. */
    private static String waitingOn(Baton baton, Task task) {
        if (task.status() != TaskStatus.QUEUED) return "";
        List<String> open = task.spec().dependsOn().stream()
                .filter(id -> baton.tasks()
                        .find(id)
                        .map(d -> !d.status().isTerminal())
                        .orElse(false))
                .map(TaskId::toString)
                .toList();
        return open.isEmpty() ? "" : " (waits for " + String.join(", ", open) + ")";
    }
}
