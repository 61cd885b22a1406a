package dev.baton.secret;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EnvironmentPolicyTest {
    private final Map<String, String> baton = Map.of(
            "PATH", "/usr/bin",
            "HOME", "/home/alice",
            "LC_ALL", "C.UTF-8",
            "https_proxy", "http://proxy:3128",
            "ANTHROPIC_BASE_URL", "http://gateway:8080",
            "ANTHROPIC_API_KEY", "sk-ant-key",
            "GITHUB_TOKEN", "ghp_token",
            "AWS_SECRET_ACCESS_KEY", "aws-secret",
            "JAVA_HOME", "/opt/jdk",
            "LC_SECRET_TOKEN", "a secret-shaped name in a base glob");

    @Test
    void everyAgentGetsTheBaseAndNothingElse() {
        assertThat(EnvironmentPolicy.base(baton))
                .containsOnlyKeys("PATH", "HOME", "LC_ALL", "https_proxy", "ANTHROPIC_BASE_URL");
    }

    @Test
    void namedVariablesAndGlobsAreAdded() {
        assertThat(EnvironmentPolicy.select(baton, List.of("ANTHROPIC_*", "JAVA_HOME")))
                .containsKeys("ANTHROPIC_API_KEY", "JAVA_HOME", "PATH")
                .doesNotContainKeys("GITHUB_TOKEN", "AWS_SECRET_ACCESS_KEY");
        assertThat(EnvironmentPolicy.select(baton, List.of("AWS_*"))).containsKey("AWS_SECRET_ACCESS_KEY");
    }

    @Test
    void secretShapedNamesAreKnown() {
        assertThat(List.of(
                        "OPENAI_API_KEY",
                        "GH_TOKEN",
                        "MY_SECRET_THING",
                        "DB_PASSWORD",
                        "AWS_PROFILE",
                        "GOOGLE_APPLICATION_CREDENTIALS",
                        "AZURE_CLIENT_ID"))
                .allMatch(EnvironmentPolicy::isSecretShaped);
        assertThat(List.of("PATH", "HOME", "ANTHROPIC_BASE_URL", "TOKENIZER_PATH"))
                .noneMatch(EnvironmentPolicy::isSecretShaped);
        assertThat(EnvironmentPolicy.isValidGlob("AWS_*")).isTrue();
        assertThat(EnvironmentPolicy.isValidGlob("AWS-*")).isFalse();
    }
}
