package dev.baton.cli;

import dev.baton.Baton;
import dev.baton.core.BatonHome;
import dev.baton.core.Durations;
import dev.baton.core.Run;
import dev.baton.core.Task;
import dev.baton.core.TaskId;
import dev.baton.core.TaskStatus;
import dev.baton.engine.Engine;
import dev.baton.engine.EngineConfig;
import dev.baton.tasks.Source;
import dev.baton.tasks.TaskRequest;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "demo",
        description = "Run a small team on a sample repository in a throwaway Baton home, with live progress"
                + " and a summary at the end.")
final class DemoCommand implements Callable<Integer> {
    @Option(
            names = "--dir",
            paramLabel = "DIR",
            description = "Where to put the demo home and repository (default: a new temp folder)")
    Path dir;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException, InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        Path root = dir != null ? Files.createDirectories(dir) : Files.createTempDirectory("baton-demo-");
        BatonHome home = new BatonHome(root.resolve("home"));
        EngineConfig config = EngineConfig.defaults().withMaxConcurrentRuns(4).withPollInterval(Duration.ofMillis(100));

        out.println("Baton demo");
        out.println("  home:       " + home.root());
        try (Baton baton = Baton.open(home, config)) {
            Path repo = DemoRepository.create(root.resolve("sample-repo"), baton);
            out.println("  repository: " + repo + " (a small shell project with tests)");
            List<String> realAgents = baton.health().entrySet().stream()
                    .filter(e -> e.getValue().usable() && !e.getKey().equals("command"))
                    .filter(e -> baton.agents()
                            .find(e.getKey())
                            .map(p -> p.capabilities().contains("code_execution"))
                            .orElse(false))
                    .map(java.util.Map.Entry::getKey)
                    .toList();
            out.println("  team:       command (runs shell commands)"
                    + (realAgents.isEmpty()
                            ? "; no AI agent CLI is usable here ('baton doctor' says why)"
                            : ", " + String.join(", ", realAgents)));
            out.println();
            baton.subscribe(new ProgressPrinter(out));
            List<TaskId> ids = addTasks(baton, repo);
            for (String agent : realAgents) {
                TaskRequest request = TaskRequest.text("Read calc.sh and add a short 'Usage' section to README.md"
                                + " explaining how to call it. Keep the rest of the README as it is.")
                        .title("Document calc.sh in the README (" + agent + ")")
                        .repo(repo.toString())
                        .agent(agent)
                        .timeout("5m")
                        .build();
                ids.add(baton.intake().submit(request, Source.demo()).task().id());
            }
            long started = System.nanoTime();
            try (Engine engine = baton.engine(config)) {
                engine.start();
                engine.wake();
                if (!engine.awaitIdle(Duration.ofMinutes(2))) {
                    out.println(
                            "The demo did not finish within 2 minutes; see 'baton ls' with BATON_HOME=" + home.root());
                }
            }
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            out.println();
            boolean allCompleted = printSummary(baton, ids, out);
            out.println();
            out.println("Finished in " + Durations.format(took) + ". Look around:");
            out.println("  BATON_HOME=" + home.root() + " ./baton ls");
            out.println("  BATON_HOME=" + home.root() + " ./baton show " + ids.getFirst());
            out.println("  git -C " + repo + " log --oneline --all --graph");
            out.flush();
            return allCompleted ? Main.OK : Main.FAILURE;
        }
    }

    private static List<TaskId> addTasks(Baton baton, Path repo) {
        List<TaskId> ids = new ArrayList<>();
        TaskId changelog = add(
                baton,
                repo,
                "Write the changelog",
                5,
                List.of(),
                "sleep 1; printf '# Changelog\\n\\n- Greeting script\\n- Calculator docs\\n' > CHANGELOG.md");
        TaskId greet = add(
                baton,
                repo,
                "Add a greeting script",
                5,
                List.of(),
                "mkdir -p bin && printf '#!/bin/sh\\necho \"Hello, ${1:-world}\"\\n' > bin/greet && chmod +x bin/greet && sleep 2");
        TaskId docs = add(
                baton,
                repo,
                "Document the calculator",
                5,
                List.of(),
                "sleep 1.5; mkdir -p docs && printf '# calc.sh\\n\\n`./calc.sh add A B` prints A+B.\\n' > docs/calc.md");
        TaskId count = add(baton, repo, "Count the lines of shell code", 2, List.of(), "wc -l *.sh");
        TaskId tests = add(
                baton,
                repo,
                "Run the test suite once the others are done",
                5,
                List.of(changelog, greet, docs),
                "sh test.sh");
        ids.addAll(List.of(count, changelog, greet, docs, tests));
        return ids;
    }

    private static TaskId add(Baton baton, Path repo, String title, int priority, List<TaskId> deps, String command) {
        TaskRequest request = TaskRequest.text(command)
                .title(title)
                .priority(String.valueOf(priority))
                .repo(repo.toString())
                .agent("command")
                .dependsOn(deps.stream().map(TaskId::value).toList())
                .timeout("1m")
                .build();
        return baton.intake().submit(request, Source.demo()).task().id();
    }

    private static boolean printSummary(Baton baton, List<TaskId> ids, PrintWriter out) {
        Table table = new Table("TASK", "TITLE", "AGENT", "STATUS", "DURATION", "BRANCH", "FILES");
        boolean allCompleted = true;
        for (TaskId id : ids) {
            Task task = baton.tasks().get(id);
            List<Run> runs = baton.tasks().runs(id);
            Run last = runs.isEmpty() ? null : runs.getLast();
            String duration = last == null || last.finishedAt() == null
                    ? "-"
                    : Durations.format(Duration.between(last.startedAt(), last.finishedAt()));
            table.row(
                    id,
                    Table.shorten(task.spec().title(), 44),
                    task.agent(),
                    task.status().wireName(),
                    duration,
                    task.branch(),
                    last == null ? 0 : last.result().filesChanged());
            allCompleted &= task.status() == TaskStatus.COMPLETED;
        }
        table.print(out);
        return allCompleted;
    }
}
