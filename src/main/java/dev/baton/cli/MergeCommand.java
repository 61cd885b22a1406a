package dev.baton.cli;

import dev.baton.Baton;
import dev.baton.integrate.MergeQueue;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "merge",
        description = {
            "Merge the branches of completed tasks into their base branch, one at a time, each verified on the"
                    + " merged result first.",
            "Below full autonomy each branch needs an approved merge decision (this asks for it); a conflict or a"
                    + " red verify becomes a conflict decision and the base branch stays as it was."
        })
final class MergeCommand implements Callable<Integer> {
    @Mixin
    HomeOption home;

    @Option(names = "--project", paramLabel = "DIR", description = "The repository (default: the current folder)")
    Path project = Path.of("");

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        var out = spec.commandLine().getOut();
        try (Baton baton = home.open()) {
            List<MergeQueue.Step> steps = baton.merge(project.toAbsolutePath());
            if (steps.isEmpty()) {
                out.println("Nothing to merge: no completed task has a branch in this repository.");
                return Main.OK;
            }
            Table table = new Table("TASK", "BRANCH", "OUTCOME", "DETAIL");
            for (MergeQueue.Step s : steps) {
                table.row(s.task(), s.branch(), s.outcome(), Table.shorten(s.detail() == null ? "" : s.detail(), 80));
            }
            table.print(out);
            boolean conflicts = steps.stream().anyMatch(s -> s.outcome().equals("conflict"));
            if (conflicts) out.println("See 'baton decisions' for the conflicts.");
            return conflicts ? Main.FAILURE : Main.OK;
        }
    }
}
