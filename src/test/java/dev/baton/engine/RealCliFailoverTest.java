package dev.baton.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.agent.AgentRegistry;
import dev.baton.agent.ClaudeCodeAgent;
import dev.baton.agent.CommandAgent;
import dev.baton.core.AgentProfile;
import dev.baton.core.Event;
import dev.baton.core.EventTypes;
import dev.baton.core.FailureReason;
import dev.baton.core.Run;
import dev.baton.core.Task;
import dev.baton.core.TaskId;
import dev.baton.core.TaskSpec;
import dev.baton.core.TaskStatus;
import dev.baton.route.RoutingEvents;
import dev.baton.testing.AgentClis;
import dev.baton.testing.GitRepos;
import dev.baton.testing.TestBaton;
import dev.baton.testing.model.AnthropicMessages;
import dev.baton.testing.model.Script;
import dev.baton.testing.model.ScriptedModelServer;
import dev.baton.testing.model.Turn;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The "done when": the real Claude Code CLI, rate-limited by the scripted model server (429
 * with retry-after) after it wrote a file, fails over to another agent that finishes the task in the
 * same worktree and branch, with a handoff note. Skipped when the CLI cannot be installed here.
 */
class RealCliFailoverTest {
    private static final String CONTINUE =
            "cp \"$BATON_HANDOFF\" handoff.md && cat notes.txt > done.txt && echo finished";

    @TempDir
    Path dir;

    @Test
    void aRateLimitedClaudeCodeFailsOverToAnotherAgentThatFinishesInTheSameWorktree() throws Exception {
        Path claude = AgentClis.binary(AgentClis.CLAUDE, "claude");
        Path repo = GitRepos.create(dir.resolve("repo"));
        try (ScriptedModelServer server = ScriptedModelServer.start(new AnthropicMessages())) {
            String message = "Number of request tokens has exceeded your per-minute rate limit";
            // The CLI retries once after the first 429's short wait; the last one's reset lies far
            // enough ahead that the failover still sees the limit on a slow machine.
            server.script(Script.of(
                    Turn.tool("Write", Map.of("file_path", "notes.txt", "content", "claude was here\n")),
                    Turn.error(429, message, 2),
                    Turn.error(429, message, 600)));
            Map<String, String> env = new HashMap<>();
            env.put("ANTHROPIC_BASE_URL", server.baseUrl());
            env.put("ANTHROPIC_API_KEY", "sk-ant-scripted-test-key");
            env.put("CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC", "1");
            env.put("DISABLE_TELEMETRY", "1");
            env.put("DISABLE_AUTOUPDATER", "1");
            env.put("CLAUDE_CODE_MAX_RETRIES", "1");
            env.put("HOME", Files.createDirectories(dir.resolve("claude-home")).toString());
            Set<String> coding = Set.of("code_execution", "file_access");
            AgentRegistry agents = AgentRegistry.builder()
                    .adapter(new ClaudeCodeAgent())
                    .adapter(new LimitedAgent())
                    .profile(new AgentProfile(
                            "claude-code", ClaudeCodeAgent.KIND, coding, 1, List.of(claude.toString()), env))
                    // A second coding agent (a scripted stand-in): a failover never goes to the
                    // command agent, which would run the prose as a shell command.
                    .profile(new AgentProfile(
                            "helper", LimitedAgent.KIND, coding, 1, CommandAgent.DEFAULT_TEMPLATE, Map.of()))
                    .build();

            try (TestBaton f = new TestBaton(dir.resolve("home"), TestBaton.fastConfig(2), agents)) {
                f.start();
                TaskId id = f.add(TaskSpec.builder(CONTINUE)
                        .title("Write notes and carry on")
                        .repo(repo.toString())
                        .preferredAgent("claude-code")
                        .modelHint("claude-sonnet-4-5")
                        .build());
                f.awaitIdle();

                Task task = f.task(id);
                List<Run> runs = f.runs(id);
                List<Event> events = f.baton.tasks().events(id, 0, 10_000);
                assertThat(task.status()).as("%s\n%s\n%s", task, runs, events).isEqualTo(TaskStatus.COMPLETED);
                assertThat(runs).extracting(Run::agent).containsExactly("claude-code", "helper");
                assertThat(runs.get(0).failureReason()).isEqualTo(FailureReason.RATE_LIMITED);
                assertThat(runs.get(1).workdir()).isEqualTo(runs.get(0).workdir());
                assertThat(runs.get(1).branch()).isEqualTo(task.branch());
                // What Claude wrote before the limit is in the branch, and the helper read it there.
                assertThat(GitRepos.git(repo, "show", task.branch() + ":notes.txt"))
                        .isEqualTo("claude was here");
                assertThat(GitRepos.git(repo, "show", task.branch() + ":done.txt"))
                        .isEqualTo("claude was here");
                assertThat(GitRepos.git(repo, "show", task.branch() + ":handoff.md"))
                        .contains("take over this task from claude-code")
                        .contains("rate_limited")
                        .contains("429")
                        .contains("1 commit(s)");
                assertThat(events)
                        .filteredOn(e -> e.type().equals(RoutingEvents.TASK_FAILOVER))
                        .singleElement()
                        .satisfies(e -> assertThat(e.data())
                                .containsEntry("from", "claude-code")
                                .containsEntry("to", "helper"));
                List<String> why = events.stream()
                        .filter(e -> e.type().equals(EventTypes.TASK_ROUTED))
                        .map(e -> (String) e.data().get("why"))
                        .toList();
                assertThat(why).hasSize(2);
                assertThat(why.get(0)).isEqualTo("claude-code: preferred by the task");
                assertThat(why.get(1)).startsWith("helper: claude-code rate-limited until ");
                assertThat(f.baton.tables().rateLimits().activeAt(Instant.now().minusSeconds(1)))
                        .containsKey("claude-code");
                assertThat(server.script().remaining()).isZero();
            }
        }
    }
}
