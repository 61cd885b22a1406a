package dev.baton.testing;

import dev.baton.session.ExecResult;
import dev.baton.session.LocalProcessLauncher;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Real git repositories for tests. */
public final class GitRepos {
    private static final LocalProcessLauncher LAUNCHER = new LocalProcessLauncher();
    private static final Map<String, String> IDENTITY = Map.of(
            "GIT_AUTHOR_NAME",
            "Test",
            "GIT_AUTHOR_EMAIL",
            "test@baton.invalid",
            "GIT_COMMITTER_NAME",
            "Test",
            "GIT_COMMITTER_EMAIL",
            "test@baton.invalid");

    private GitRepos() {}

    /** A repository on branch main with one committed README. */
    public static Path create(Path dir) throws IOException {
        Files.createDirectories(dir);
        git(dir, "init", "-q", "-b", "main");
        Files.writeString(dir.resolve("README.md"), "# test repo\n");
        git(dir, "add", "-A");
        git(dir, "commit", "-q", "-m", "initial");
        return dir;
    }

    public static String git(Path dir, String... args) {
        List<String> command = new ArrayList<>(List.of("git"));
        command.addAll(List.of(args));
        ExecResult result = LAUNCHER.exec(command, dir, IDENTITY, Duration.ofSeconds(30));
        if (!result.ok()) {
            throw new AssertionError("git " + String.join(" ", args) + " failed: " + result.stderr());
        }
        return result.stdout().strip();
    }
}
