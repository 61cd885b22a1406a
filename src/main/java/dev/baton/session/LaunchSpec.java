package dev.baton.session;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What to start: the command, the directory it runs in, variables added to the launcher's base
 * environment (for agents, the base of Baton's: see {@code secret.EnvironmentPolicy}; whatever else
 * a run gets must be here), and the run folder that receives {@code stdout.log}, {@code stderr.log}
 * and {@code exit_code}.
 */
public record LaunchSpec(List<String> command, Path workdir, Map<String, String> env, Path runDir) {
    public LaunchSpec {
        command = List.copyOf(command);
        if (command.isEmpty()) throw new IllegalArgumentException("empty command");
        Objects.requireNonNull(workdir, "workdir");
        env = Map.copyOf(env == null ? Map.of() : env);
        Objects.requireNonNull(runDir, "runDir");
    }
}
