package dev.baton.cli;

import dev.baton.Baton;
import dev.baton.core.Task;
import dev.baton.core.TaskId;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "retry", description = "Queue a failed or cancelled task again; it continues in its worktree.")
final class RetryCommand implements Callable<Integer> {
    @Mixin
    HomeOption home;

    @Parameters(paramLabel = "ID")
    String id;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        try (Baton baton = home.open()) {
            Task task = baton.tasks().retry(TaskId.of(id));
            spec.commandLine().getOut().println(task.id() + " queued again");
        }
        return Main.OK;
    }
}
