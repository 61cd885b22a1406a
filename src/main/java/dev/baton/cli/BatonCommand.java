package dev.baton.cli;

import picocli.CommandLine.Command;

@Command(
        name = "baton",
        mixinStandardHelpOptions = true,
        version = "baton 0.1.0",
        description = "Runs a team of AI coding agents on your repositories.",
        subcommands = {
            InitCommand.class,
            AddCommand.class,
            FollowUpCommand.class,
            ListCommand.class,
            ShowCommand.class,
            LogsCommand.class,
            CancelCommand.class,
            RetryCommand.class,
            DecisionsCommand.class,
            MergeCommand.class,
            McpPermissionsCommand.class,
            AnswerCommands.Approve.class,
            AnswerCommands.Reject.class,
            UsageCommand.class,
            ScheduleCommand.class,
            RunCommand.class,
            WorkflowsCommand.class,
            PlanCommand.class,
            DemoCommand.class,
            AgentsCommand.class,
            DoctorCommand.class,
            ServeCommand.class,
            TokenCommand.class
        })
final class BatonCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
