package dev.baton.cli;

import dev.baton.Baton;
import dev.baton.server.auth.ApiToken;
import dev.baton.server.auth.ApiTokens;
import dev.baton.server.auth.Scope;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
        name = "token",
        description = "API tokens for 'baton serve': create (printed once), list, revoke.",
        subcommands = {TokenCommand.Create.class, TokenCommand.ListTokens.class, TokenCommand.Revoke.class})
final class TokenCommand implements Runnable {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    static ApiTokens tokens(Baton baton) {
        return new ApiTokens(baton.tokens(), Clock.systemUTC());
    }

    @Command(
            name = "create",
            description = "Create a token and print it (only its hash is kept: it cannot be shown again).")
    static final class Create implements Callable<Integer> {
        @Mixin
        HomeOption home;

        @Option(names = "--scope", paramLabel = "SCOPE", required = true, description = "read, write or admin")
        String scope;

        @Option(names = "--name", paramLabel = "NAME", description = "A label to recognize it by")
        String name;

        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            Scope parsed = Scope.fromWire(scope);
            try (Baton baton = home.open()) {
                ApiTokens.Created created = tokens(baton).create(name, parsed);
                var out = spec.commandLine().getOut();
                out.println(created.secret());
                spec.commandLine()
                        .getErr()
                        .println("baton: token " + created.token().id() + " (" + parsed.wireName()
                                + ") created; keep it now, it is not shown again");
            }
            return Main.OK;
        }
    }

    @Command(name = "list", description = "List tokens (ids, names, scopes; never the secrets).")
    static final class ListTokens implements Callable<Integer> {
        @Mixin
        HomeOption home;

        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            try (Baton baton = home.open()) {
                List<ApiToken> all = tokens(baton).list();
                Table table = new Table("ID", "NAME", "SCOPE", "CREATED", "REVOKED");
                for (ApiToken t : all) {
                    table.row(
                            t.id(),
                            t.name(),
                            t.scope().wireName(),
                            t.createdAt(),
                            t.revokedAt() == null ? "" : t.revokedAt());
                }
                table.print(spec.commandLine().getOut());
            }
            return Main.OK;
        }
    }

    @Command(name = "revoke", description = "Revoke a token by id (servers stop accepting it within seconds).")
    static final class Revoke implements Callable<Integer> {
        @Mixin
        HomeOption home;

        @Parameters(paramLabel = "ID")
        String id;

        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            try (Baton baton = home.open()) {
                tokens(baton).revoke(id);
                spec.commandLine().getOut().println(id + " revoked");
            }
            return Main.OK;
        }
    }
}
