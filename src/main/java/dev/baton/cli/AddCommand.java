package dev.baton.cli;

import dev.baton.Baton;
import dev.baton.tasks.AddResult;
import dev.baton.tasks.Source;
import dev.baton.tasks.TaskRequest;
import dev.baton.view.AddedTaskView;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
        name = "add",
        description = "Queue a task: one line of text, or a markdown task file with YAML frontmatter.",
        footer = {"", "Examples:", "  baton add 'make test' --agent command", "  baton add -f tasks/pending/task-001.md"
        })
final class AddCommand implements Callable<Integer> {
    @Mixin
    HomeOption home;

    @Parameters(
            arity = "0..1",
            paramLabel = "TEXT",
            description = "What to do (for the command agent: the shell command)")
    String text;

    @Option(
            names = {"-f", "--file"},
            paramLabel = "FILE",
            description = "A task file (markdown with YAML frontmatter)")
    Path file;

    @Option(
            names = "--repo",
            paramLabel = "DIR",
            description = "Git repository to work in (default: this folder, if it is one)")
    Path repo;

    @Option(
            names = "--base",
            paramLabel = "BRANCH",
            description = "Branch the task starts from (default: the current one)")
    String base;

    @Option(names = "--agent", paramLabel = "NAME", description = "The agent to run it")
    String agent;

    @Option(names = "--priority", paramLabel = "N", description = "1 (first) to 10, or high|medium|low (default 5)")
    String priority;

    @Option(names = "--timeout", paramLabel = "DURATION", description = "e.g. 30s, 5m, 2h (default 30m)")
    String timeout;

    @Option(names = "--depends-on", paramLabel = "ID", split = ",", description = "Tasks that must complete first")
    List<String> dependsOn = List.of();

    @Option(names = "--retries", paramLabel = "N", description = "Further attempts after a failure (default 0)")
    Integer retries;

    @Option(
            names = "--requires",
            paramLabel = "CAPABILITY",
            split = ",",
            description = "Capabilities the agent must have")
    List<String> requires = List.of();

    @Option(names = "--type", paramLabel = "TYPE", description = "Task type: bug, feature, test, docs, ...")
    String type;

    @Option(names = "--json", description = "Print a JSON object with the new task's id")
    boolean json;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        TaskRequest request = TaskRequest.builder()
                .text(text)
                .file(file)
                .repo(repo == null ? null : repo.toString())
                .base(base)
                .agent(agent)
                .priority(priority)
                .timeout(timeout)
                .dependsOn(dependsOn)
                .retries(retries)
                .requires(requires)
                .type(type)
                .build();
        try (Baton baton = home.open()) {
            AddResult added = baton.intake().submit(request, Source.cli(Path.of("")));
            added.warnings().forEach(w -> spec.commandLine().getErr().println("baton: warning: " + w));
            var out = spec.commandLine().getOut();
            if (json) {
                out.println(Json.write(AddedTaskView.of(added)));
            } else {
                out.println(added.task().id());
            }
        }
        return Main.OK;
    }
}
