package dev.baton.cli;

import dev.baton.Baton;
import dev.baton.core.Durations;
import dev.baton.view.WorkflowView;
import dev.baton.workflow.WorkflowRunView;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "workflows", description = "List workflow runs, newest first, with their status and stage progress.")
final class WorkflowsCommand implements Callable<Integer> {
    @Mixin
    HomeOption home;

    @Option(names = "--json", description = "Print a JSON list")
    boolean json;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        var out = spec.commandLine().getOut();
        try (Baton baton = home.open()) {
            List<WorkflowRunView> runs = baton.workflows().list();
            if (json) {
                out.println(Json.write(runs.stream().map(WorkflowView::of).toList()));
                return Main.OK;
            }
            if (runs.isEmpty()) {
                out.println("No workflow runs. Start one with: baton run -f WORKFLOW.yaml");
                return Main.OK;
            }
            Table table = new Table("RUN", "NAME", "STATUS", "AGE", "STAGES (done/total)");
            Instant now = Instant.now();
            for (WorkflowRunView run : runs) {
                table.row(
                        run.id(),
                        run.name(),
                        run.status(),
                        Durations.format(Duration.between(run.createdAt(), now)),
                        run.stages().stream().map(WorkflowsCommand::progress).collect(Collectors.joining(" ")));
            }
            table.print(out);
        }
        return Main.OK;
    }

    private static String progress(WorkflowRunView.StageProgress stage) {
        return stage.name() + " " + (stage.completed() + stage.failed()) + "/" + stage.total()
                + (stage.failed() > 0 ? " (" + stage.failed() + " failed)" : "");
    }
}
