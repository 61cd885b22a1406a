package dev.baton.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.testing.GitRepos;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoTest {
    @TempDir
    Path dir;

    @Test
    void theDemoRunsItsTeamToCompletionAndPrintsASummary() {
        var result = new CliRunner(dir.resolve("unused"))
                .run("demo", "--dir", dir.resolve("demo").toString());

        assertThat(result.exitCode()).as(result.out() + result.err()).isZero();
        assertThat(result.out())
                .contains("TASK", "AGENT", "STATUS", "DURATION", "BRANCH", "FILES")
                .contains("Run the test suite once the others are done")
                .doesNotContain("failed");
        assertThat(result.out().lines().filter(l -> l.startsWith("t-") && l.contains(" completed ")))
                .hasSize(5);
        Path repo = dir.resolve("demo/sample-repo");
        assertThat(GitRepos.git(repo, "branch", "--list", "baton/*").lines()).hasSize(5);
        assertThat(GitRepos.git(repo, "status", "--porcelain")).isEmpty();
    }
}
