package dev.baton.cli;

import dev.baton.Baton;
import dev.baton.store.Schedule;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
        name = "schedule",
        description = "Recurring tasks on a cron schedule, fired by a running engine ('baton serve' or 'baton run').",
        subcommands = {ScheduleCommand.Add.class, ScheduleCommand.Ls.class, ScheduleCommand.Rm.class})
final class ScheduleCommand implements Runnable {
    @Mixin
    HomeOption home;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "add", description = "Add a schedule: baton schedule add \"0 2 * * *\" \"Run the nightly checks\"")
    static final class Add implements Callable<Integer> {
        @Mixin
        HomeOption home;

        @picocli.CommandLine.ParentCommand
        ScheduleCommand parent;

        @Parameters(
                index = "0",
                paramLabel = "CRON",
                description = "minute hour day-of-month month day-of-week, or @daily")
        String cron;

        @Parameters(index = "1", paramLabel = "TEXT", description = "The task's text")
        String text;

        @Option(names = "--agent", paramLabel = "NAME", description = "Run it on this agent (default: routing chooses)")
        String agent;

        @Option(names = "--repo", paramLabel = "DIR", description = "The git repository to work in")
        Path repo;

        @Option(
                names = "--window",
                paramLabel = "HH:MM-HH:MM",
                description = "Only start within these hours, e.g. 22:00-06:00")
        String window;

        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            try (Baton baton = (home.home != null ? home : parent.home).open()) {
                var schedules = baton.schedules();
                Schedule s = schedules.add(cron, text, agent, repo, window);
                spec.commandLine()
                        .getOut()
                        .println(s.id() + "  next at " + schedules.nextTime(s).toOffsetDateTime());
            }
            return Main.OK;
        }
    }

    @Command(name = "ls", description = "List schedules")
    static final class Ls implements Callable<Integer> {
        @Mixin
        HomeOption home;

        @picocli.CommandLine.ParentCommand
        ScheduleCommand parent;

        @Option(names = "--json", description = "Print JSON")
        boolean json;

        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            var out = spec.commandLine().getOut();
            try (Baton baton = (home.home != null ? home : parent.home).open()) {
                var schedules = baton.schedules();
                if (json) {
                    out.println(Json.write(schedules.list().stream()
                            .map(s -> {
                                Map<String, Object> v = new LinkedHashMap<>();
                                v.put("id", s.id());
                                v.put("cron", s.cron());
                                v.put("description", schedules.description(s));
                                v.put("text", s.prompt());
                                v.put("agent", s.agent());
                                v.put("repo", s.repo());
                                v.put("window", s.window());
                                v.put(
                                        "last_fired_at",
                                        s.lastFiredAt() == null
                                                ? null
                                                : s.lastFiredAt().toString());
                                v.put("last_task", s.lastTaskId());
                                v.put(
                                        "next_at",
                                        schedules.nextTime(s).toOffsetDateTime().toString());
                                return v;
                            })
                            .toList()));
                    return Main.OK;
                }
                if (schedules.list().isEmpty()) {
                    out.println("No schedules. Add one: baton schedule add \"0 2 * * *\" \"Run the nightly checks\"");
                    return Main.OK;
                }
                Table table = new Table("ID", "CRON", "DESCRIPTION", "WINDOW", "AGENT", "NEXT", "LAST TASK", "TEXT");
                for (Schedule s : schedules.list()) {
                    table.row(
                            s.id(),
                            s.cron(),
                            schedules.description(s),
                            s.window() == null ? "any time" : s.window(),
                            s.agent() == null ? "any" : s.agent(),
                            schedules.nextTime(s).toOffsetDateTime(),
                            s.lastTaskId(),
                            Table.shorten(s.prompt(), 50));
                }
                table.print(out);
            }
            return Main.OK;
        }
    }

    @Command(name = "rm", description = "Remove a schedule")
    static final class Rm implements Callable<Integer> {
        @Mixin
        HomeOption home;

        @picocli.CommandLine.ParentCommand
        ScheduleCommand parent;

        @Parameters(paramLabel = "ID")
        String id;

        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            try (Baton baton = (home.home != null ? home : parent.home).open()) {
                baton.schedules().remove(id);
                spec.commandLine().getOut().println("removed " + id);
            }
            return Main.OK;
        }
    }
}
