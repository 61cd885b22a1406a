package dev.baton.agent.llm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.agent.AgentRegistry;
import dev.baton.core.AgentProfile;
import dev.baton.core.FailureReason;
import dev.baton.core.Run;
import dev.baton.core.TaskId;
import dev.baton.core.TaskSpec;
import dev.baton.core.TaskStatus;
import dev.baton.testing.TestBaton;
import dev.baton.testing.model.AnthropicMessages;
import dev.baton.testing.model.GeminiApi;
import dev.baton.testing.model.OllamaChat;
import dev.baton.testing.model.OpenAiChat;
import dev.baton.testing.model.Script;
import dev.baton.testing.model.ScriptedModelServer;
import dev.baton.testing.model.Turn;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The llm-api agent as a real process talking HTTP to a scripted model server (Ollama's API). */
class LlmApiAgentTest {
    @TempDir
    Path dir;

    ScriptedModelServer server;
    TestBaton baton;

    @BeforeEach
    void setUp() throws Exception {
        server = ScriptedModelServer.start(
                new OllamaChat(), new OpenAiChat(), new AnthropicMessages(), GeminiApi.forApiClients());
    }

    /** A Baton whose one agent calls the scripted server through the given provider's API. */
    private TestBaton batonFor(String provider) {
        Map<String, String> env = new java.util.HashMap<>(Map.of(
                LlmSettings.PROVIDER,
                provider,
                LlmSettings.MODEL,
                "scripted",
                LlmSettings.API_KEY_ENV,
                "SCRIPTED_API_KEY",
                "SCRIPTED_API_KEY",
                "not-a-real-key"));
        env.put(
                LlmSettings.BASE_URL,
                switch (provider) {
                    case "openai" -> server.baseUrl() + "/v1";
                    case "anthropic" -> server.baseUrl() + "/v1/";
                    case "gemini" -> server.baseUrl() + "/v1beta";
                    default -> server.baseUrl();
                });
        AgentProfile analyst = new AgentProfile("analyst", LlmApiAgent.KIND, Set.of("analysis"), 2, List.of(), env);
        baton = new TestBaton(
                dir.resolve("home-" + provider),
                TestBaton.fastConfig(2),
                AgentRegistry.builder()
                        .adapter(new LlmApiAgent())
                        .profile(analyst)
                        .build());
        baton.start();
        return baton;
    }

    @AfterEach
    void tearDown() {
        if (baton != null) baton.close();
        server.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"ollama", "openai", "anthropic", "gemini"})
    void theAnswerIsTheRunsResultAndItsTokensAreRecorded(String provider) throws Exception {
        TestBaton baton = batonFor(provider);
        server.script(Script.of(Turn.text("The parser fails on empty input because it reads past the end.")));
        TaskId id = baton.add(TaskSpec.builder("Why does the parser fail on empty input?")
                .requires(List.of("analysis"))
                .build());
        baton.awaitIdle();

        assertThat(baton.task(id).status())
                .as(String.valueOf(baton.task(id).failureDetail()))
                .isEqualTo(TaskStatus.COMPLETED);
        Run run = baton.runs(id).getFirst();
        assertThat(run.agent()).isEqualTo("analyst");
        assertThat(run.result().summary()).isEqualTo("The parser fails on empty input because it reads past the end.");
        assertThat(run.result().usage().inputTokens()).isEqualTo(100);
        assertThat(run.result().usage().outputTokens()).isEqualTo(20);
        assertThat(server.script().requests().getFirst()).contains("Why does the parser fail on empty input?");
        assertThat(baton.baton.tasks().events(id, 0, 100))
                .extracting(e -> e.type())
                .contains("agent.session", "agent.usage", "agent.result");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ollama", "openai", "anthropic", "gemini"})
    void aRateLimitIsANamedFailureAfterTheTransientRetries(String provider) throws Exception {
        TestBaton baton = batonFor(provider);
        server.script(Script.of(
                Turn.error(429, "slow down", 1), Turn.error(429, "slow down", 1), Turn.error(429, "slow down", 1)));
        TaskId id = baton.add(TaskSpec.builder("Plan the release").build());
        baton.awaitIdle();

        assertThat(baton.task(id).status()).isEqualTo(TaskStatus.FAILED);
        assertThat(baton.task(id).failureReason()).isEqualTo(FailureReason.RATE_LIMITED);
        assertThat(baton.runs(id)).hasSize(3).allMatch(r -> r.failureReason() == FailureReason.RATE_LIMITED);
    }

    @Test
    void missingSettingsAreReportedBeforeAnyCall() {
        LlmApiAgent agent = new LlmApiAgent();
        AgentProfile profile = new AgentProfile("a", LlmApiAgent.KIND, Set.of(), 1, List.of(), Map.of());
        assertThat(agent.preflight(profile, Map.of(LlmSettings.PROVIDER, "anthropic")))
                .contains("set ANTHROPIC_API_KEY in Baton's environment (or name another variable with "
                        + "BATON_LLM_API_KEY_ENV)");
        assertThat(agent.preflight(profile, Map.of(LlmSettings.PROVIDER, "anthropic", "ANTHROPIC_API_KEY", "k")))
                .isEmpty();
        assertThat(agent.preflight(profile, Map.of(LlmSettings.PROVIDER, "cohere")))
                .get()
                .asString()
                .contains("not supported");
    }
}
