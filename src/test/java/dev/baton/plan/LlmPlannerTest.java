package dev.baton.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.agent.AgentRegistry;
import dev.baton.agent.CommandAgent;
import dev.baton.agent.llm.LlmApiAgent;
import dev.baton.agent.llm.LlmSettings;
import dev.baton.core.AgentProfile;
import dev.baton.core.AgentUnavailableException;
import dev.baton.core.TaskId;
import dev.baton.core.TaskStatus;
import dev.baton.testing.GitRepos;
import dev.baton.testing.TestBaton;
import dev.baton.testing.model.OllamaChat;
import dev.baton.testing.model.OpenAiChat;
import dev.baton.testing.model.Script;
import dev.baton.testing.model.ScriptedModelServer;
import dev.baton.testing.model.Turn;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Planning through an llm-api agent, over HTTP to a scripted model server (OpenAI and Ollama APIs). */
class LlmPlannerTest {
    private static final String PLAN = """
            Here is the plan:
            ```json
            {"confidence": 0.85, "tasks": [
              {"id": "fix-parser", "title": "Fix the parser on empty input", "prompt": "Make Parser.parse accept \
            empty input", "type": "bug", "dependsOn": [], "confidence": 0.9},
              {"id": "parser-tests", "title": "Test empty input", "prompt": "Add tests for empty input", \
            "type": "test", "dependsOn": ["fix-parser"], "confidence": 0.8}
            ]}
            ```""";

    @TempDir
    Path dir;

    ScriptedModelServer server;
    TestBaton baton;

    @BeforeEach
    void setUp() throws Exception {
        server = ScriptedModelServer.start(new OllamaChat(), new OpenAiChat());
    }

    @AfterEach
    void tearDown() {
        if (baton != null) baton.close();
        server.close();
    }

    private TestBaton batonWithPlanner(String provider) {
        Map<String, String> env = new HashMap<>(Map.of(
                LlmSettings.PROVIDER,
                provider,
                LlmSettings.MODEL,
                "scripted",
                LlmSettings.API_KEY_ENV,
                "SCRIPTED_API_KEY",
                "SCRIPTED_API_KEY",
                "not-a-real-key"));
        env.put(LlmSettings.BASE_URL, provider.equals("openai") ? server.baseUrl() + "/v1" : server.baseUrl());
        baton = new TestBaton(
                dir.resolve("home-" + provider),
                TestBaton.fastConfig(2),
                AgentRegistry.builder()
                        .adapter(new LlmApiAgent())
                        .adapter(new CommandAgent())
                        .profile(CommandAgent.defaultProfile(2))
                        .profile(new AgentProfile("planner", LlmApiAgent.KIND, Set.of("analysis"), 1, List.of(), env))
                        .build());
        return baton;
    }

    @ParameterizedTest
    @ValueSource(strings = {"openai", "ollama"})
    void theModelsJsonPlanIsParsedValidatedAndQueued(String provider) throws Exception {
        Path repo = GitRepos.create(dir.resolve("repo-" + provider));
        TestBaton baton = batonWithPlanner(provider);
        server.script(Script.of(Turn.text(PLAN)));

        Plan plan = baton.baton.planner().plan("The parser breaks on empty input; fix it and test it", null, false);

        assertThat(plan.method()).isEqualTo("llm:planner");
        assertThat(plan.confidence()).isEqualTo(0.85);
        assertThat(plan.tasks()).extracting(PlannedTask::id).containsExactly("fix-parser", "parser-tests");
        assertThat(plan.tasks()).extracting(PlannedTask::type).containsExactly("bug", "test");
        assertThat(plan.tasks().get(1).dependsOn()).containsExactly("fix-parser");
        assertThat(server.script().requests().getFirst())
                .contains("The parser breaks on empty input; fix it and test it")
                .contains("Answer with JSON only");

        List<TaskId> ids = baton.baton.planner().submit(plan, repo.toString());
        assertThat(ids).hasSize(2);
        var second = baton.task(ids.get(1));
        assertThat(second.spec().type()).isEqualTo("test");
        assertThat(second.spec().dependsOn()).containsExactly(ids.getFirst());
        assertThat(second.status()).isEqualTo(TaskStatus.QUEUED);
        assertThat(second.spec().prompt()).isEqualTo("Add tests for empty input");
    }

    @Test
    void anAnswerThatIsNotAUsablePlanIsAnErrorNotAGuess() {
        TestBaton baton = batonWithPlanner("openai");
        server.script(Script.of(Turn.text("I would start by fixing the parser.")));
        assertThatThrownBy(() -> baton.baton.planner().plan("Fix the parser", null, false))
                .isInstanceOf(InvalidPlanException.class)
                .hasMessageContaining("not valid JSON")
                .hasMessageContaining("I would start by fixing the parser");

        server.script(Script.of(Turn.text("{\"confidence\": 0.9}")));
        assertThatThrownBy(() -> baton.baton.planner().plan("Fix the parser", null, false))
                .isInstanceOf(InvalidPlanException.class)
                .hasMessageContaining("no 'tasks' list");

        server.script(Script.of(Turn.text(
                "{\"confidence\": 0.9, \"tasks\": [{\"id\": \"a\", \"prompt\": \"x\", \"dependsOn\": [\"b\"]},"
                        + " {\"id\": \"b\", \"prompt\": \"y\", \"dependsOn\": [\"a\"]}]}")));
        assertThatThrownBy(() -> baton.baton.planner().plan("Fix the parser", null, false))
                .isInstanceOf(InvalidPlanException.class)
                .hasMessageContaining("cycle");

        server.script(Script.of(Turn.text("{\"confidence\": 3, \"tasks\": [{\"id\": \"a\", \"prompt\": \"x\"}]}")));
        assertThatThrownBy(() -> baton.baton.planner().plan("Fix the parser", null, false))
                .isInstanceOf(InvalidPlanException.class)
                .hasMessageContaining("between 0 and 1");
    }

    @Test
    void aTaskTheModelTypesShellIsPlannedAsProseForACodingAgent() {
        TestBaton baton = batonWithPlanner("openai");
        server.script(Script.of(Turn.text("{\"confidence\": 0.9, \"tasks\": [{\"id\": \"notes\","
                + " \"prompt\": \"Write notes/plan.md and mark it final\", \"type\": \"shell\"}]}")));

        Plan plan = baton.baton.planner().plan("Plan the release", null, false);

        PlannedTask task = plan.tasks().getFirst();
        assertThat(task.type()).isEqualTo("general");
        assertThat(task.why()).contains("typed 'shell'");
        TaskId id = baton.baton.planner().submit(plan, null).getFirst();
        assertThat(baton.task(id).spec().isShell()).isFalse();
        assertThat(baton.task(id).spec().preferredAgent()).isNull();
    }

    @Test
    void aFailedCallIsReportedAndHeuristicStillWorksOnRequest() {
        TestBaton baton = batonWithPlanner("openai");
        server.script(Script.of(Turn.error(401, "bad key", null)));
        assertThatThrownBy(() -> baton.baton.planner().plan("Fix the parser", null, false))
                .isInstanceOf(AgentUnavailableException.class)
                .hasMessageContaining("openai API call failed");

        Plan plan = baton.baton.planner().plan("Fix the parser", null, true);
        assertThat(plan.method()).isEqualTo("heuristic");
    }
}
