package dev.baton.testing;

import dev.baton.Baton;
import dev.baton.agent.AgentRegistry;
import dev.baton.agent.CommandAgent;
import dev.baton.core.AgentProfile;
import dev.baton.core.BatonHome;
import dev.baton.core.Task;
import dev.baton.core.TaskId;
import dev.baton.core.TaskSpec;
import dev.baton.engine.Engine;
import dev.baton.engine.EngineConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A Baton on a temp home with fast polling and short backoff, for engine tests. */
public final class TestBaton implements AutoCloseable {
    public final Baton baton;
    public final EngineConfig config;
    public Engine engine;

    public TestBaton(Path home, int maxRuns, int commandConcurrency) {
        this(
                home,
                fastConfig(maxRuns),
                AgentRegistry.builder()
                        .adapter(new CommandAgent())
                        .profile(new AgentProfile(
                                "command",
                                "command",
                                Set.of("shell"),
                                commandConcurrency,
                                CommandAgent.DEFAULT_TEMPLATE,
                                Map.of()))
                        .build());
    }

    /** A Baton with the given agents (add the command agent too if tests need it). */
    public TestBaton(Path home, EngineConfig config, AgentRegistry agents) {
        this(home, config, agents, System.getenv());
    }

    /** A Baton with the given agents, as if it ran in {@code environment} (to seed secrets). */
    public TestBaton(Path home, EngineConfig config, AgentRegistry agents, Map<String, String> environment) {
        this.config = config;
        this.baton = Baton.open(new BatonHome(home), config, agents, environment);
    }

    /** Fast polling and short backoff, for tests. */
    public static EngineConfig fastConfig(int maxRuns) {
        return EngineConfig.defaults()
                .withMaxConcurrentRuns(maxRuns)
                .withPollInterval(Duration.ofMillis(50))
                .withRetryBackoff(Duration.ofMillis(50));
    }

    public Engine start() {
        engine = baton.engine(config);
        engine.start();
        return engine;
    }

    /** Queues a shell task: the command agent runs it as it is written. */
    public TaskId add(String command) {
        return add(shell(command).build());
    }

    /** A shell task ({@link TaskSpec#SHELL_TYPE}), the only kind the command agent takes unless named. */
    public static TaskSpec.Builder shell(String command) {
        return TaskSpec.builder(command).type(TaskSpec.SHELL_TYPE);
    }

    public TaskId add(TaskSpec spec) {
        TaskId id = baton.tasks().add(spec, null).task().id();
        if (engine != null) engine.wake();
        return id;
    }

    public Task task(TaskId id) {
        return baton.tasks().get(id);
    }

    public List<dev.baton.core.Run> runs(TaskId id) {
        return baton.tasks().runs(id);
    }

    public void awaitIdle() throws InterruptedException {
        if (!engine.awaitIdle(Duration.ofSeconds(60))) throw new AssertionError("engine did not become idle");
    }

    @Override
    public void close() {
        if (engine != null) engine.close();
        baton.close();
    }
}
