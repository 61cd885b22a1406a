package dev.baton.cli;

import dev.baton.Baton;
import dev.baton.core.Durations;
import dev.baton.core.Run;
import dev.baton.core.Task;
import dev.baton.core.TaskId;
import dev.baton.view.TaskView;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "show", description = "Show a task with its runs.")
final class ShowCommand implements Callable<Integer> {
    @Mixin
    HomeOption home;

    @Parameters(paramLabel = "ID")
    String id;

    @Option(names = "--json", description = "Print JSON")
    boolean json;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        var out = spec.commandLine().getOut();
        try (Baton baton = home.open()) {
            Task task = baton.tasks().get(TaskId.of(id));
            List<Run> runs = baton.tasks().runs(task.id());
            List<java.util.Map<String, Object>> routing = baton.tasks().routingSteps(task.id());
            if (json) {
                out.println(Json.write(TaskView.of(task, runs, routing)));
                return Main.OK;
            }
            out.println(task.id() + "  " + task.spec().title());
            out.println("status:   " + task.status().wireName()
                    + (task.failureReason() == null
                            ? ""
                            : " (" + task.failureReason().wireName() + ": " + task.failureDetail() + ")"));
            out.println("agent:    " + (task.agent() == null ? "any" : task.agent()));
            out.println("priority: " + task.spec().priority() + "   timeout: "
                    + Durations.format(task.spec().timeout()) + "   attempts: " + task.attempts());
            if (task.spec().repo() != null) {
                out.println("repo:     " + task.spec().repo() + " (from "
                        + task.spec().baseBranch() + ")");
            }
            if (task.branch() != null) out.println("branch:   " + task.branch());
            if (!task.spec().dependsOn().isEmpty())
                out.println("needs:    " + task.spec().dependsOn());
            routing.forEach(step -> out.println("routing:  " + dev.baton.route.RoutingSteps.line(step)));
            out.println();
            if (runs.isEmpty()) {
                out.println("No runs yet.");
                return Main.OK;
            }
            Table table =
                    new Table("RUN", "AGENT", "STATUS", "EXIT", "DURATION", "FILES", "+/-", "TOKENS", "COST", "REASON");
            for (Run run : runs) {
                Instant end = run.finishedAt() != null ? run.finishedAt() : Instant.now();
                table.row(
                        run.id(),
                        run.agent(),
                        run.status().wireName(),
                        run.exitCode(),
                        Durations.format(Duration.between(run.startedAt(), end)),
                        run.result().filesChanged(),
                        "+" + run.result().insertions() + "/-" + run.result().deletions(),
                        run.result().usage().totalTokens() == 0
                                ? null
                                : run.result().usage().totalTokens(),
                        run.result().usage().costUsd() == null
                                ? null
                                : String.format(
                                        java.util.Locale.ROOT,
                                        "$%.4f",
                                        run.result().usage().costUsd()),
                        run.failureReason() == null ? null : Table.shorten(run.failureDetail(), 70));
            }
            table.print(out);
            Run last = runs.getLast();
            if (last.result().summary() != null && !last.result().summary().isBlank()) {
                out.println();
                out.println("last output:");
                last.result()
                        .summary()
                        .lines()
                        .skip(Math.max(0, last.result().summary().lines().count() - 10))
                        .forEach(line -> out.println("  " + line));
            }
            out.println();
            out.println("logs: baton logs " + task.id() + "    run folder: " + last.runDir());
        }
        return Main.OK;
    }
}
