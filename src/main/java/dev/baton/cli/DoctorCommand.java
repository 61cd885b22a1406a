package dev.baton.cli;

import dev.baton.Baton;
import dev.baton.agent.AgentCatalog;
import dev.baton.agent.AgentHealth;
import dev.baton.agent.AgentRegistration;
import dev.baton.agent.CommandAgent;
import dev.baton.agent.KnownAgents;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

@Command(
        name = "doctor",
        description = "Check what Baton needs and explain what is usable and what to do about the rest.")
final class DoctorCommand implements Callable<Integer> {
    @Mixin
    HomeOption home;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        boolean broken = false;
        out.println("Baton doctor");
        out.println();
        out.println("  ok    java " + Runtime.version());
        try (Baton baton = home.open()) {
            java.util.Optional<String> git = baton.gitVersion();
            if (git.isPresent()) {
                out.println("  ok    " + git.get());
            } else {
                out.println("  FAIL  git is missing: install git (e.g. apt-get install git); worktrees need it");
                broken = true;
            }
            out.println("  ok    home " + baton.home().root() + " (database "
                    + baton.home().database().getFileName() + ")");
            out.println();
            out.println("Agents (registration files are read from "
                    + AgentCatalog.folders(baton.home().root(), Path.of("").toAbsolutePath())
                            .getFirst()
                    + " and the project's .baton/agents):");
            Map<String, AgentHealth> health = baton.health();
            int usable = 0;
            int coding = 0;
            for (AgentRegistration r : baton.registrations()) {
                AgentHealth h = health.get(r.name());
                if (h.usable()) {
                    usable++;
                    if (!r.profile().kind().equals(CommandAgent.KIND)) coding++;
                    out.println("  ok    " + r.name() + (h.version() == null ? "" : " (" + h.version() + ")") + " — "
                            + r.source());
                } else {
                    out.println("  " + (h.status() == AgentHealth.Status.LIMITED ? "limit " : "no    ") + r.name()
                            + ": " + h.reason());
                    if (h.fix() != null) out.println("        fix: " + h.fix());
                }
            }
            for (var entry : KnownAgents.BINARIES.entrySet()) {
                if (health.containsKey(entry.getKey())) continue;
                out.println("  -     " + entry.getKey() + ": '" + entry.getValue() + "' is not on PATH; to use it: "
                        + KnownAgents.INSTALL.get(entry.getKey()));
            }
            out.println();
            out.println(usable + " agent(s) can take work now.");
            if (coding == 0) {
                // The command agent runs text with sh -c, so prose waits for a coding agent instead.
                out.println("No coding agent can take work: tasks in prose wait (held) until one can. Shell"
                        + " commands run on the command agent: baton add \"make test\" --type shell (or --agent"
                        + " command).");
            }
        }
        out.flush();
        return broken ? Main.FAILURE : Main.OK;
    }
}
