package dev.baton.cli;

import dev.baton.Baton;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Creates the demo's sample repository: a tiny shell calculator with a test script, committed on main. */
final class DemoRepository {
    private DemoRepository() {}

    static Path create(Path dir, Baton baton) throws IOException {
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
        baton.createRepository(dir, "Sample project", "Baton Demo", "demo@baton.invalid");
        return dir;
    }
}
