package dev.baton.cli;

import dev.baton.Baton;
import dev.baton.core.BatonHome;
import dev.baton.engine.EngineConfig;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The options every command shares: where the Baton home is. */
final class HomeOption {
    @Option(
            names = "--home",
            paramLabel = "DIR",
            description = "Baton home (database, runs, worktrees). Default: $BATON_HOME, else ~/.baton")
    Path home;

    BatonHome resolve() {
        return home != null ? new BatonHome(home) : BatonHome.fromEnvironment(System.getenv());
    }

    Baton open() {
        return Baton.open(resolve(), EngineConfig.defaults());
    }

    Baton open(EngineConfig config) {
        return Baton.open(resolve(), config);
    }
}
