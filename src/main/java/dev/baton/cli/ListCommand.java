package dev.baton.cli;

import dev.baton.Baton;
import dev.baton.core.Durations;
import dev.baton.core.Task;
import dev.baton.core.TaskStatus;
import dev.baton.store.TaskQuery;
import dev.baton.view.TaskView;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "ls", description = "List tasks, newest first.")
final class ListCommand implements Callable<Integer> {
    @Mixin
    HomeOption home;

    @Option(
            names = "--status",
            paramLabel = "STATUS",
            split = ",",
            description = "Only these statuses (queued, running, completed, failed, ...)")
    List<String> statuses = List.of();

    @Option(names = "--limit", paramLabel = "N", description = "At most N tasks (default 100)")
    int limit = 100;

    @Option(names = "--json", description = "Print a JSON list")
    boolean json;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        Set<TaskStatus> wanted =
                statuses.stream().map(String::strip).map(TaskStatus::fromWire).collect(Collectors.toSet());
        if (limit < 1) throw new dev.baton.core.InvalidInputException("--limit must be at least 1");
        var out = spec.commandLine().getOut();
        try (Baton baton = home.open()) {
            List<Task> tasks = baton.tasks().list(new TaskQuery(wanted, limit));
            if (json) {
                out.println(Json.write(tasks.stream()
                        .map(t -> TaskView.of(t, baton.tasks().runs(t.id())))
                        .toList()));
                return Main.OK;
            }
            if (tasks.isEmpty()) {
                out.println("No tasks. Add one with: baton add \"TEXT\"");
                return Main.OK;
            }
            Table table = new Table("ID", "STATUS", "AGENT", "PRI", "AGE", "TITLE");
            Instant now = Instant.now();
            for (Task t : tasks) {
                table.row(
                        t.id(),
                        t.status().wireName(),
                        t.agent(),
                        t.spec().priority(),
                        Durations.format(Duration.between(t.createdAt(), now)),
                        Table.shorten(t.spec().title(), 60));
            }
            table.print(out);
        }
        return Main.OK;
    }
}
