package dev.baton.gate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.core.Autonomy;
import dev.baton.core.InvalidInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProjectConfigReaderTest {
    @TempDir
    Path repo;

    @Test
    void theReadmesExampleIsAValidConfig() throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        int start = readme.indexOf("```yaml\nautonomy:");
        assertThat(start).as("the README shows a .baton/config.yaml").isPositive();
        String yaml = readme.substring(start + "```yaml\n".length(), readme.indexOf("```", start + 7));

        ProjectConfig config = ProjectConfigReader.parse(Path.of("README.md"), yaml);

        assertThat(config.autonomy()).isEqualTo(Autonomy.CONFIRM);
        assertThat(config.verify()).containsExactly("./mvnw -q test");
        assertThat(config.verifyAttempts()).isEqualTo(2);
        assertThat(config.verifyTimeout()).isEqualTo(Duration.ofMinutes(10));
        assertThat(config.decisionTimeout()).isEqualTo(Duration.ofHours(24));
        assertThat(config.autoMerge()).isFalse();
    }

    @Test
    void noFileMeansTheDefaults() {
        assertThat(ProjectConfigReader.read(repo)).isEqualTo(ProjectConfig.DEFAULTS);
        assertThat(ProjectConfig.DEFAULTS.autonomy()).isEqualTo(Autonomy.CONFIRM);
    }

    @Test
    void mistakesNameTheFileAndWhatToFix() throws Exception {
        Files.createDirectories(repo.resolve(".baton"));
        Path file = repo.resolve(".baton/config.yaml");
        for (var bad : List.of(
                List.of("autonomy: yolo\n", "unknown autonomy level 'yolo'"),
                List.of("autonmy: full\n", "unknown field 'autonmy'"),
                List.of("verify: [1, '']\n", "verify: each entry must be a shell command line"),
                List.of("verify_attempts: many\n", "verify_attempts: must be a whole number"),
                List.of("auto_merge: sometimes\n", "auto_merge: must be true or false"),
                List.of("decision_timeout: soon\n", "decision_timeout"),
                List.of("- a\n- b\n", "must be 'field: value' lines"),
                List.of("autonomy: [\n", "is not valid YAML"))) {
            Files.writeString(file, bad.get(0));
            assertThatThrownBy(() -> ProjectConfigReader.read(repo))
                    .as(bad.get(0))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining(file.toString())
                    .hasMessageContaining(bad.get(1));
        }
    }

    @Test
    void errorsNameTheLineAndAYaml11BooleanIsRefusedWithTheReason() throws Exception {
        Files.createDirectories(repo.resolve(".baton"));
        Path file = repo.resolve(".baton/config.yaml");
        Files.writeString(file, "autonomy: full\nauto_merge: yes\n");

        assertThatThrownBy(() -> ProjectConfigReader.read(repo))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage(file + ":2: auto_merge: must be true or false (YAML 1.2, which Baton reads, takes yes,"
                        + " no, on and off as text)");
    }

    @Test
    void aTimeLike1Colon30IsTextNotNinetyAsInYaml11() {
        assertThatThrownBy(() -> ProjectConfigReader.parse(Path.of("c.yaml"), "verify_timeout: 1:30\n"))
                .hasMessageStartingWith("c.yaml:1: verify_timeout: ");
    }
}
