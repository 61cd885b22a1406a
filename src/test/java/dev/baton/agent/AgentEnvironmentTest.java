package dev.baton.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.core.AgentProfile;
import dev.baton.core.AgentUnavailableException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgentEnvironmentTest {
    @TempDir
    Path dir;

    private final Map<String, String> baton = Map.of(
            "PATH", "/usr/bin",
            "HOME", "/home/alice",
            "ANTHROPIC_API_KEY", "sk-ant-for-claude",
            "OPENAI_API_KEY", "sk-for-codex",
            "GITHUB_TOKEN", "ghp_for-nobody",
            "CI_DEPLOY_TOKEN", "for-the-deployer");

    private AgentProfile profile(String kind, List<String> passthrough, String authLocation) {
        return new AgentProfile(kind.replace("-", ""), kind, Set.of("code"), 1, List.of(), Map.of("EXTRA", "1"))
                .withEnvironmentAccess(passthrough, authLocation);
    }

    @Test
    void eachKindGetsItsOwnKeysAndNoOneElses() {
        AgentEnvironment environment = new AgentEnvironment(baton);
        assertThat(environment.forRun(profile("claude-code", List.of(), null), new ClaudeCodeAgent()))
                .containsOnlyKeys("PATH", "HOME", "ANTHROPIC_API_KEY", "EXTRA");
        assertThat(environment.forRun(profile("command", List.of(), null), new CommandAgent()))
                .containsOnlyKeys("PATH", "HOME", "EXTRA");
        assertThat(environment.forRun(profile("command", List.of("CI_*"), "$GITHUB_TOKEN"), new CommandAgent()))
                .containsOnlyKeys("PATH", "HOME", "EXTRA", "CI_DEPLOY_TOKEN", "GITHUB_TOKEN");
    }

    @Test
    void aCredentialFileIsReadAtLaunchAndGivenToItsAgentOnly() throws Exception {
        Path lines = Files.writeString(
                dir.resolve("anthropic"), "# for claude\nexport ANTHROPIC_API_KEY=\"from-file\"\nOTHER=x\n");
        Path single = Files.writeString(dir.resolve("key"), "sk-ant-single\n");
        AgentEnvironment environment = new AgentEnvironment(baton);
        assertThat(environment.forRun(profile("claude-code", List.of(), lines.toString()), new ClaudeCodeAgent()))
                .containsEntry("ANTHROPIC_API_KEY", "from-file")
                .containsEntry("OTHER", "x");
        assertThat(environment.forRun(profile("claude-code", List.of(), single.toString()), new ClaudeCodeAgent()))
                .containsEntry("ANTHROPIC_API_KEY", "sk-ant-single");
        assertThat(environment.names(profile("claude-code", List.of(), lines.toString()), new ClaudeCodeAgent()))
                .contains("ANTHROPIC_API_KEY", "OTHER")
                .noneMatch(name -> name.contains("from-file"));
    }

    @Test
    void aMissingCredentialFileSaysWhichAndWhatToDo() {
        AgentProfile claude =
                profile("claude-code", List.of(), dir.resolve("absent").toString());
        assertThatThrownBy(() -> new AgentEnvironment(baton).forRun(claude, new ClaudeCodeAgent()))
                .isInstanceOf(AgentUnavailableException.class)
                .hasMessageContaining("absent")
                .hasMessageContaining("KEY=value");
    }
}
