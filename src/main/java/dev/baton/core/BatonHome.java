package dev.baton.core;

import java.nio.file.Path;
import java.util.Map;

/** The folder where Baton keeps its database, run folders and worktrees ({@code $BATON_HOME}, default {@code ~/.baton}). */
public record BatonHome(Path root) {
    public BatonHome {
        root = root.toAbsolutePath().normalize();
    }

    /** $BATON_HOME when set, otherwise {@code ~/.baton}. */
    public static BatonHome fromEnvironment(Map<String, String> env) {
        String configured = env.get("BATON_HOME");
        if (configured != null && !configured.isBlank()) {
            return new BatonHome(Path.of(configured));
        }
        return new BatonHome(Path.of(System.getProperty("user.home"), ".baton"));
    }

    public Path database() {
        return root.resolve("baton.db");
    }

    public Path runs() {
        return root.resolve("runs");
    }

    public Path runDir(dev.baton.core.RunId run) {
        return runs().resolve(run.value());
    }

    public Path worktrees() {
        return root.resolve("worktrees");
    }

    public Path scratch() {
        return root.resolve("scratch");
    }
}
