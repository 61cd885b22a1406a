package dev.baton.cli;

import dev.baton.Baton;
import dev.baton.core.TaskId;
import dev.baton.plan.Plan;
import dev.baton.plan.PlannedTask;
import dev.baton.tasks.TaskIntake;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
        name = "plan",
        description = "Turn a requirement into tasks with types, dependencies and a confidence, and queue them."
                + " Uses an llm-api agent when one is registered, else transparent rules (lists, 'then')."
                + " A plan with confidence below 0.6 is only shown unless --yes.")
final class PlanCommand implements Callable<Integer> {
    @Mixin
    HomeOption home;

    @Parameters(arity = "1..*", paramLabel = "REQUIREMENT", description = "What should be done, in words")
    List<String> words;

    @Option(names = "--yes", description = "Queue the plan even when its confidence is low")
    boolean yes;

    @Option(names = "--dry-run", description = "Only show the plan")
    boolean dryRun;

    @Option(names = "--heuristic", description = "Plan by the rules even when an llm-api agent is registered")
    boolean heuristic;

    @Option(names = "--agent", paramLabel = "NAME", description = "The llm-api agent to plan with")
    String agent;

    @Option(
            names = "--repo",
            paramLabel = "DIR",
            description = "Git repository the tasks work in (default: this folder, if it is one)")
    Path repo;

    @Option(names = "--json", description = "Print the plan as JSON")
    boolean json;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        var out = spec.commandLine().getOut();
        String requirement = String.join(" ", words);
        try (Baton baton = home.open()) {
            Plan plan = baton.planner().plan(requirement, agent, heuristic);
            boolean submit = !dryRun && (plan.confident() || yes);
            List<TaskId> ids = submit ? baton.planner().submit(plan, repoPath()) : List.of();
            if (json) {
                out.println(Json.write(json(plan, ids)));
                return Main.OK;
            }
            Table table = new Table("ID", "TYPE", "AFTER", "CONF", "TASK", "WHY");
            for (int i = 0; i < plan.tasks().size(); i++) {
                PlannedTask task = plan.tasks().get(i);
                table.row(
                        ids.isEmpty() ? task.id() : ids.get(i),
                        task.type(),
                        task.dependsOn().isEmpty() ? "-" : String.join(",", task.dependsOn()),
                        String.format(java.util.Locale.ROOT, "%.2f", task.confidence()),
                        Table.shorten(task.title(), 60),
                        task.why());
            }
            table.print(out);
            out.println(String.format(
                    java.util.Locale.ROOT, "plan confidence %.2f (%s)", plan.confidence(), plan.method()));
            if (submit) {
                out.println("queued " + ids.size() + " task(s); 'baton run' works on them");
            } else if (dryRun) {
                out.println("not queued (--dry-run)");
            } else {
                out.println(String.format(
                        java.util.Locale.ROOT,
                        "not queued: confidence %.2f is below %.1f. Check the plan, then run again with --yes,"
                                + " or write the requirement as a numbered list",
                        plan.confidence(),
                        Plan.SUBMIT_THRESHOLD));
            }
            out.flush();
        }
        return Main.OK;
    }

    private String repoPath() {
        if (repo != null) return repo.toAbsolutePath().normalize().toString();
        Path here = Path.of("").toAbsolutePath();
        return TaskIntake.insideGitRepository(here) ? here.toString() : null;
    }

    private static Map<String, Object> json(Plan plan, List<TaskId> ids) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("requirement", plan.requirement());
        out.put("method", plan.method());
        out.put("confidence", plan.confidence());
        out.put("submitted", !ids.isEmpty());
        List<Map<String, Object>> tasks = new java.util.ArrayList<>();
        for (int i = 0; i < plan.tasks().size(); i++) {
            PlannedTask task = plan.tasks().get(i);
            Map<String, Object> t = new LinkedHashMap<>();
            t.put("id", task.id());
            t.put("task_id", ids.isEmpty() ? null : ids.get(i).value());
            t.put("title", task.title());
            t.put("type", task.type());
            t.put("depends_on", task.dependsOn());
            t.put("confidence", task.confidence());
            t.put("why", task.why());
            tasks.add(t);
        }
        out.put("tasks", tasks);
        return out;
    }
}
