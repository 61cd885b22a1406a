package dev.baton.route;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.core.InvalidInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RoutingConfigFileTest {
    @TempDir
    Path home;

    @Test
    void theReadmesExampleIsAValidRoutingFile() throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        int start = readme.indexOf("```yaml\nmax_failovers:");
        assertThat(start).as("the README shows a routing.yaml").isPositive();
        Path file = home.resolve("routing.yaml");
        Files.writeString(file, readme.substring(start + "```yaml\n".length(), readme.indexOf("```", start + 7)));

        RoutingConfig config = RoutingConfigFile.read(file);

        assertThat(config.maxFailovers()).isEqualTo(3);
        assertThat(config.capacity().warnAt()).isEqualTo(0.8);
        assertThat(config.plans().get("claude-code"))
                .isEqualTo(new AgentPlan("claude-code", CostTier.INCLUDED, 200L, 5_000_000L, null));
        assertThat(config.plans().get("api-writer"))
                .isEqualTo(new AgentPlan("api-writer", CostTier.PAID, null, null, 5.0));
    }

    @Test
    void noFileOrAnEmptyOneMeansTheDefaults() throws Exception {
        Path file = home.resolve("routing.yaml");
        assertThat(RoutingConfigFile.read(file)).isEqualTo(RoutingConfig.defaults());
        Files.writeString(file, "# nothing yet\n");
        assertThat(RoutingConfigFile.read(file)).isEqualTo(RoutingConfig.defaults());
    }

    @Test
    void mistakesNameTheFileTheLineAndWhatToFix() throws Exception {
        Path file = home.resolve("routing.yaml");
        for (var bad : List.of(
                List.of("max_failovers: 3\nagents:\n  a: {tier: cheap}\n", ":3: ", "agents.a.tier must be included"),
                List.of("warn_at: 0.5\nstop_at: lots\n", ":2: ", "stop_at must be a number, not the text 'lots'"),
                List.of("agents:\n  a:\n    messages: 5\n", ":3: ", "unknown key agents.a.messages"),
                List.of("max_failovers: 99\n", ":1: ", "max_failovers must be between 0 and 20"),
                List.of("agents: [a, b]\n", ":1: ", "agents must be"),
                List.of("agents:\n  a: {tier: paid}\n  a: {tier: paid}\n", ":3: ", "appears twice"),
                List.of("agents: !!set {a}\n", ":1: ", "YAML tag"),
                List.of("agents:\n  a: b: c\n", ":2: ", "the file is not valid YAML"))) {
            Files.writeString(file, bad.get(0));
            assertThatThrownBy(() -> RoutingConfigFile.read(file))
                    .as(bad.get(0))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageStartingWith(file + bad.get(1))
                    .hasMessageContaining(bad.get(2));
        }
    }
}
