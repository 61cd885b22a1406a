package dev.baton.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.core.TaskFileException;
import org.junit.jupiter.api.Test;

class ProfileFileReaderTest {
    private final ProfileFileReader reader = new ProfileFileReader();

    @Test
    void theSeedRegistrationFormatReadsAsWritten() {
        AgentRegistration r = reader.read("tools/interfaces/codex.md", """
                ---
                name: codex
                type: llm
                status: limited
                capabilities:
                  - code_execution
                  - file_access
                limits:
                  messages_per_day: 500
                  tokens_per_request: 200000
                auth:
                  method: api_key
                  config_location: OPENAI_API_KEY
                ---

                # Codex

                ## How to Invoke
                codex exec --json PROMPT

                ## Best For
                Bug fixes in Python

                ## Limitations
                No web access
                """);
        assertThat(r.name()).isEqualTo("codex");
        assertThat(r.profile().kind()).isEqualTo("codex");
        assertThat(r.type()).isEqualTo("llm");
        assertThat(r.declaredStatus()).isEqualTo("limited");
        assertThat(r.profile().capabilities()).containsExactlyInAnyOrder("code_execution", "file_access");
        assertThat(r.limits().messagesPerDay()).isEqualTo(500);
        assertThat(r.limits().tokensPerRequest()).isEqualTo(200000);
        assertThat(r.limits().tokensPerDay()).isNull();
        assertThat(r.authMethod()).isEqualTo("api_key");
        assertThat(r.authLocation()).isEqualTo("OPENAI_API_KEY");
        assertThat(r.bestFor()).isEqualTo("Bug fixes in Python");
        assertThat(r.limitations()).isEqualTo("No web access");
        assertThat(r.source()).isEqualTo("tools/interfaces/codex.md");
    }

    @Test
    void aCommandAgentNeedsOnlyANameAndACommand() {
        AgentRegistration r = reader.read("linter.md", """
                ---
                name: linter
                command: ruff check {worktree}
                concurrency: 3
                env:
                  RUFF_CACHE_DIR: /tmp/ruff
                ---
                """);
        assertThat(r.profile().kind()).isEqualTo("command");
        assertThat(r.profile().command()).containsExactly("ruff", "check", "{worktree}");
        assertThat(r.profile().concurrency()).isEqualTo(3);
        assertThat(r.profile().env()).containsEntry("RUFF_CACHE_DIR", "/tmp/ruff");
    }

    @Test
    void aCredentialInTheFileIsRefusedAtItsLine() {
        assertThatThrownBy(() -> reader.read("a.md", "---\nname: x\nkind: codex\nauth:\n  api_key: sk-123\n---\n"))
                .isInstanceOf(TaskFileException.class)
                .hasMessageContaining("a.md:4")
                .hasMessageContaining("would put a credential in the file");
    }

    @Test
    void mistakesNameTheFileLineAndField() {
        assertThatThrownBy(() -> reader.read("b.md", "---\nname: x\nkind: cursor\n---\n"))
                .hasMessageContaining("b.md:3")
                .hasMessageContaining("field 'kind'")
                .hasMessageContaining("unknown kind 'cursor'");
        assertThatThrownBy(() -> reader.read("c.md", "---\nkind: codex\n---\n"))
                .hasMessageContaining("field 'name'")
                .hasMessageContaining("missing");
        assertThatThrownBy(() -> reader.read("d.md", "---\nname: x\nkind: codex\nstatus: busy\n---\n"))
                .hasMessageContaining("d.md:4")
                .hasMessageContaining("'busy' is not one of");
        assertThatThrownBy(() ->
                        reader.read("e.md", "---\nname: x\nkind: codex\nlimits:\n  messages_per_day: lots\n---\n"))
                .hasMessageContaining("must be a whole number");
        assertThatThrownBy(() -> reader.read("f.md", "---\nname: mystery\n---\n"))
                .hasMessageContaining("say which adapter drives this agent");
    }

    @Test
    void theReadmesLlmApiExampleReadsAsWritten() {
        AgentRegistration r = reader.read("deepseek.md", """
                ---
                name: deepseek
                type: llm
                kind: llm-api
                status: available
                capabilities: [analysis, research, planning]
                provider: openai
                base_url: https://api.deepseek.com/v1
                model: deepseek-chat
                limits:
                  concurrency: 2
                  messages_per_day: 500
                auth:
                  method: api_key
                  config_location: DEEPSEEK_API_KEY   # the variable's name, never the key
                env:
                  SOME_VAR: value                     # added to the agent's environment
                ---

                ## Best For
                Quick analysis and planning.
                """);
        assertThat(r.profile().kind()).isEqualTo("llm-api");
        assertThat(r.profile().concurrency()).isEqualTo(2);
        assertThat(r.profile().env())
                .containsEntry("BATON_LLM_PROVIDER", "openai")
                .containsEntry("BATON_LLM_BASE_URL", "https://api.deepseek.com/v1")
                .containsEntry("BATON_LLM_MODEL", "deepseek-chat")
                .containsEntry("BATON_LLM_API_KEY_ENV", "DEEPSEEK_API_KEY")
                .containsEntry("SOME_VAR", "value");
        assertThat(r.limits().messagesPerDay()).isEqualTo(500);
        assertThat(r.bestFor()).isEqualTo("Quick analysis and planning.");
    }

    @Test
    void envPassthroughAndTheCredentialsLocationReachTheProfile() {
        AgentRegistration r = reader.read("deployer.md", """
                ---
                name: deployer
                command: ./deploy.sh
                env_passthrough: [JAVA_HOME, 'AWS_*']
                auth:
                  config_location: ~/.brain-secrets/aws
                ---
                """);
        assertThat(r.profile().envPassthrough()).containsExactly("JAVA_HOME", "AWS_*");
        assertThat(r.profile().authLocation()).isEqualTo("~/.brain-secrets/aws");
    }

    @Test
    void anEnvPassthroughEntryThatIsNoVariableNameIsRefusedWithAnExample() {
        assertThatThrownBy(() -> reader.read("deployer.md", """
                        ---
                        name: deployer
                        command: ./deploy.sh
                        env_passthrough: [AWS-KEY]
                        ---
                        """))
                .isInstanceOf(TaskFileException.class)
                .hasMessageContaining("env_passthrough")
                .hasMessageContaining("'AWS-KEY' is not a variable name");
    }
}
