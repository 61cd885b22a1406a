package dev.baton.cli;

import dev.baton.Baton;
import dev.baton.tasks.TaskIntake;
import dev.baton.workspace.RepoInfo;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "init", description = "Create the Baton home (database, folders) and check a repository.")
final class InitCommand implements Callable<Integer> {
    @Mixin
    HomeOption home;

    @Option(
            names = "--repo",
            paramLabel = "DIR",
            description = "A git repository to check (default: this folder, if it is one)")
    Path repo;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        var out = spec.commandLine().getOut();
        try (Baton baton = home.open()) {
            out.println("Baton home: " + baton.home().root());
            out.println("database:   " + baton.home().database());
            Path candidate = repo != null ? repo : Path.of("").toAbsolutePath();
            if (repo != null || TaskIntake.insideGitRepository(candidate)) {
                RepoInfo info = baton.inspectRepository(candidate);
                out.println("repository: " + info.root() + " (tasks start from '" + info.currentBranch() + "')");
                if (info.isDirty()) {
                    out.println("            " + info.uncommitted().size()
                            + " uncommitted change(s): agents see only what is committed");
                }
            }
            out.println("agents:     "
                    + String.join(
                            ", ",
                            baton.agents().profiles().stream()
                                    .map(p -> p.name())
                                    .toList()));
            out.println("Next: baton add \"make test\" --agent command   then   baton run --until-idle");
        }
        return Main.OK;
    }
}
