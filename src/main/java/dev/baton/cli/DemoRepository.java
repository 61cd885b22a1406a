package dev.baton.cli;

import dev.baton.core.WorkspaceException;
import dev.baton.session.ExecResult;
import dev.baton.session.LocalProcessLauncher;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Creates the demo's sample repository: a tiny shell calculator with a test script, committed on main. */
final class DemoRepository {
    private DemoRepository() {}

    static Path create(Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(
                dir.resolve("README.md"), "# Sample project\n\nA calculator in shell, used by the Baton demo.\n");
        Files.writeString(dir.resolve("calc.sh"), """
                #!/bin/sh
                # usage: calc.sh add A B
                case "$1" in
                  add) echo $(( $2 + $3 )) ;;
                  *) echo "unknown operation: $1" >&2; exit 2 ;;
                esac
                """);
        Files.writeString(dir.resolve("test.sh"), """
                #!/bin/sh
                set -e
                [ "$(sh calc.sh add 2 3)" = 5 ] && echo "ok - 2 + 3 = 5"
                [ "$(sh calc.sh add -1 1)" = 0 ] && echo "ok - -1 + 1 = 0"
                echo "2 passed, 0 failed"
                """);
        var launcher = new LocalProcessLauncher();
        Map<String, String> identity = Map.of(
                "GIT_AUTHOR_NAME",
                "Baton Demo",
                "GIT_AUTHOR_EMAIL",
                "demo@baton.invalid",
                "GIT_COMMITTER_NAME",
                "Baton Demo",
                "GIT_COMMITTER_EMAIL",
                "demo@baton.invalid");
        for (List<String> command : List.of(
                List.of("git", "init", "-q", "-b", "main"),
                List.of("git", "add", "-A"),
                List.of("git", "commit", "-q", "-m", "Sample project"))) {
            ExecResult result = launcher.exec(command, dir, identity, Duration.ofSeconds(30));
            if (!result.ok()) {
                throw new WorkspaceException("could not create the demo repository: " + result.stderr(), false);
            }
        }
        return dir;
    }
}
