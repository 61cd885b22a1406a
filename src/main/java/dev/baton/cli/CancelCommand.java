package dev.baton.cli;

import dev.baton.Baton;
import dev.baton.core.Task;
import dev.baton.core.TaskId;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "cancel", description = "Cancel a task; a running agent's whole process group is killed.")
final class CancelCommand implements Callable<Integer> {
    @Mixin
    HomeOption home;

    @Parameters(paramLabel = "ID")
    String id;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        try (Baton baton = home.open()) {
            Task task = baton.tasks().cancel(TaskId.of(id));
            spec.commandLine().getOut().println(task.id() + " cancelled");
        }
        return Main.OK;
    }
}
