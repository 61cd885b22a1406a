package dev.baton.cli;

import dev.baton.Baton;
import dev.baton.core.TaskId;
import dev.baton.tasks.AddResult;
import dev.baton.view.AddedTaskView;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
        name = "followup",
        description = "Queue a follow-up to a finished task: same worktree and branch, same agent, and the agent's"
                + " session resumed where it can be.")
final class FollowUpCommand implements Callable<Integer> {
    @Mixin
    HomeOption home;

    @Parameters(index = "0", paramLabel = "ID", description = "The finished task to continue")
    String id;

    @Parameters(index = "1", paramLabel = "TEXT", description = "What to do next")
    String text;

    @Option(names = "--json", description = "Print a JSON object with the new task's id")
    boolean json;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        try (Baton baton = home.open()) {
            AddResult added = baton.tasks().followUp(TaskId.of(id), text);
            var out = spec.commandLine().getOut();
            out.println(
                    json
                            ? Json.write(AddedTaskView.of(added))
                            : added.task().id().value());
        }
        return Main.OK;
    }
}
