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
import dev.baton.testing.model.OllamaChat;
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

/** The llm-api agent as a real process talking HTTP to a scripted model server (Ollama's API). */
class LlmApiAgentTest {
    @TempDir
    Path dir;

    ScriptedModelServer server;
    TestBaton baton;

    @BeforeEach
    void setUp() throws Exception {
        server = ScriptedModelServer.start(new OllamaChat());
        AgentProfile analyst = new AgentProfile(
                "analyst",
                LlmApiAgent.KIND,
                Set.of("analysis"),
                2,
                List.of(),
                Map.of(
                        LlmSettings.PROVIDER, "ollama",
                        LlmSettings.MODEL, "scripted",
                        LlmSettings.BASE_URL, server.baseUrl()));
        baton = new TestBaton(
                dir.resolve("home"),
                TestBaton.fastConfig(2),
                AgentRegistry.builder()
                        .adapter(new LlmApiAgent())
                        .profile(analyst)
                        .build());
        baton.start();
    }

    @AfterEach
    void tearDown() {
        baton.close();
        server.close();
    }

    @Test
    void theAnswerIsTheRunsResultAndItsTokensAreRecorded() throws Exception {
        server.script(Script.of(Turn.text("The parser fails on empty input because it reads past the end.")));
        TaskId id = baton.add(TaskSpec.builder("Why does the parser fail on empty input?")
                .requires(List.of("analysis"))
                .build());
        baton.awaitIdle();

        assertThat(baton.task(id).status()).isEqualTo(TaskStatus.COMPLETED);
        Run run = baton.runs(id).getFirst();
        assertThat(run.agent()).isEqualTo("analyst");
        assertThat(run.result().summary()).isEqualTo("The parser fails on empty input because it reads past the end.");
        assertThat(run.result().usage().inputTokens()).isEqualTo(100);
        assertThat(run.result().usage().outputTokens()).isEqualTo(20);
        assertThat(server.script().requests().getFirst()).contains("Why does the parser fail on empty input?");
        assertThat(baton.baton.store().eventsOf(id, 0, 100))
                .extracting(e -> e.type())
                .contains("agent.session", "agent.usage", "agent.result");
    }

    @Test
    void aRateLimitIsANamedFailureAfterTheTransientRetries() throws Exception {
        server.script(Script.of(
                Turn.error(429, "slow down", 30), Turn.error(429, "slow down", 30), Turn.error(429, "slow down", 30)));
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
