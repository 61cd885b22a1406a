package dev.baton.cli;

import dev.baton.Baton;
import dev.baton.core.Decision;
import dev.baton.core.DecisionId;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code baton approve} and {@code baton reject}: answers to decisions, recorded with who and why. */
final class AnswerCommands {
    private AnswerCommands() {}

    /** Who answers from the command line: the login name. */
    static String person() {
        String user = System.getenv("USER");
        if (user == null || user.isBlank()) user = System.getProperty("user.name", "unknown");
        return "cli:" + user;
    }

    static void print(picocli.CommandLine.Model.CommandSpec spec, Decision d) {
        spec.commandLine()
                .getOut()
                .println(d.id() + " " + d.status().wireName() + " (" + d.kind().wireName() + ", task " + d.taskId()
                        + ")");
    }

    @Command(name = "approve", description = "Approve a decision: a waiting task starts, a merge may go ahead.")
    static final class Approve implements Callable<Integer> {
        @Mixin
        HomeOption home;

        @Parameters(paramLabel = "ID", description = "The decision id (see 'baton decisions')")
        String id;

        @Option(names = "--why", paramLabel = "TEXT", description = "Why (kept with the answer)")
        String why;

        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            try (Baton baton = home.open()) {
                print(spec, baton.decisions().approve(DecisionId.of(id), person(), why));
            }
            return Main.OK;
        }
    }

    @Command(name = "reject", description = "Reject a decision: a waiting task is cancelled with your reason.")
    static final class Reject implements Callable<Integer> {
        @Mixin
        HomeOption home;

        @Parameters(paramLabel = "ID", description = "The decision id (see 'baton decisions')")
        String id;

        @Option(
                names = "--why",
                paramLabel = "TEXT",
                required = true,
                description = "Why (required; kept with the answer)")
        String why;

        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            try (Baton baton = home.open()) {
                print(spec, baton.decisions().reject(DecisionId.of(id), person(), why));
            }
            return Main.OK;
        }
    }
}
