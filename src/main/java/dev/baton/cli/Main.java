package dev.baton.cli;

import dev.baton.core.BatonException;
import dev.baton.core.InvalidInputException;
import dev.baton.core.NotFoundException;
import picocli.CommandLine;

/** The {@code baton} command. Exit codes: 0 ok, 1 failure, 2 usage error. */
public final class Main {
    public static final int OK = 0;
    public static final int FAILURE = 1;
    public static final int USAGE = 2;

    private Main() {}

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs a command line and returns its exit code; used by tests too. */
    public static int run(String... args) {
        CommandLine cli = new CommandLine(new BatonCommand());
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (e instanceof BatonException baton) {
                commandLine.getErr().println("baton: " + baton.getMessage());
                return baton instanceof InvalidInputException || baton instanceof NotFoundException ? USAGE : FAILURE;
            }
            throw e;
        });
        cli.setExitCodeExceptionMapper(e -> USAGE);
        // A requirement may start with '-' (a bulleted list): words, not options.
        cli.getSubcommands().get("plan").setUnmatchedOptionsArePositionalParams(true);
        return cli.execute(args);
    }
}
