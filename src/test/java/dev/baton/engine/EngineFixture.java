package dev.baton.engine;

import dev.baton.Baton;
import dev.baton.agent.AgentRegistry;
import dev.baton.agent.CommandAgent;
import dev.baton.core.AgentProfile;
import dev.baton.core.Task;
import dev.baton.core.TaskId;
import dev.baton.core.TaskSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A Baton on a temp home with fast polling and short backoff, for engine tests. */
final class EngineFixture implements AutoCloseable {
    final Baton baton;
    final EngineConfig config;
    Engine engine;

    EngineFixture(Path home, int maxRuns, int commandConcurrency) {
        this.config = EngineConfig.defaults()
                .withMaxConcurrentRuns(maxRuns)
                .withPollInterval(Duration.ofMillis(50))
                .withRetryBackoff(Duration.ofMillis(50));
        AgentRegistry agents = AgentRegistry.builder()
                .adapter(new CommandAgent())
                .profile(new AgentProfile(
                        "command",
                        "command",
                        Set.of("shell"),
                        commandConcurrency,
                        CommandAgent.DEFAULT_TEMPLATE,
                        Map.of()))
                .build();
        this.baton = Baton.open(new BatonHome(home), config, agents);
    }

    Engine start() {
        engine = baton.engine(config);
        engine.start();
        return engine;
    }

    TaskId add(String command) {
        return add(TaskSpec.builder(command).build());
    }

    TaskId add(TaskSpec spec) {
        TaskId id = baton.tasks().add(spec, null).task().id();
        if (engine != null) engine.wake();
        return id;
    }

    Task task(TaskId id) {
        return baton.tasks().get(id);
    }

    List<dev.baton.core.Run> runs(TaskId id) {
        return baton.store().runsOf(id);
    }

    void awaitIdle() throws InterruptedException {
        if (!engine.awaitIdle(Duration.ofSeconds(60))) throw new AssertionError("engine did not become idle");
    }

    @Override
    public void close() {
        if (engine != null) engine.close();
        baton.close();
    }
}
