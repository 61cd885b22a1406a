package dev.baton.bench;

import dev.baton.Baton;
import dev.baton.agent.AgentRegistry;
import dev.baton.agent.CommandAgent;
import dev.baton.core.AgentProfile;
import dev.baton.core.BatonHome;
import dev.baton.core.Task;
import dev.baton.core.TaskId;
import dev.baton.core.TaskSpec;
import dev.baton.core.TaskStatus;
import dev.baton.engine.Engine;
import dev.baton.engine.EngineConfig;
import dev.baton.store.TaskQuery;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The real engine (SQLite store, command agent, local process launcher) on a temp home, with
 * Baton's default engine settings, measured from the outside: tasks are added through the task
 * service as an embedding program adds them (add, then wake the engine).
 */
final class EngineBench implements AutoCloseable {
    private final Baton baton;
    private final Engine engine;

    /** An engine running {@code template} as the command agent, with {@code maxRuns} runs at once. */
    EngineBench(Path home, int maxRuns, List<String> template) {
        EngineConfig config = EngineConfig.defaults().withMaxConcurrentRuns(maxRuns);
        AgentRegistry agents = AgentRegistry.builder()
                .adapter(new CommandAgent())
                .profile(new AgentProfile("command", "command", Set.of("shell"), maxRuns, template, Map.of()))
                .build();
        this.baton = Baton.open(new BatonHome(home), config, agents);
        this.engine = baton.engine(config);
        engine.start();
    }

    TaskId add(TaskSpec spec) {
        TaskId id = baton.tasks().add(spec, null).task().id();
        engine.wake();
        return id;
    }

    /**
     * Time from calling add to the first command of the agent process, one task at a time: the
     * agent is bash, and the task's text writes bash's {@code $EPOCHREALTIME} to a file.
     */
    Samples dispatchLatency(Path dir, int warmUp, int count) throws IOException, InterruptedException {
        long[] micros = new long[count];
        for (int i = 0; i < warmUp + count; i++) {
            long sample = dispatchLatencyMicros(dir.resolve("baton-" + i));
            if (i >= warmUp) micros[i - warmUp] = sample;
        }
        return new Samples(micros);
    }

    /**
     * One task, alone on the engine: from the call to add to the agent's first command (which writes
     * the moment to {@code stamp}), in microseconds. Returns once the task has completed.
     */
    long dispatchLatencyMicros(Path stamp) throws IOException, InterruptedException {
        long before = Machine.nowMicros();
        TaskId id = add(TaskSpec.builder(BareSpawn.stampCommand(stamp))
                .type(TaskSpec.SHELL_TYPE)
                .build());
        awaitFile(stamp, Duration.ofSeconds(60));
        awaitFinished(id, Duration.ofSeconds(60));
        Task task = baton.tasks().get(id);
        if (task.status() != TaskStatus.COMPLETED) {
            throw new IllegalStateException(
                    "latency task " + id + " ended " + task.status() + ": " + task.failureDetail());
        }
        long started = Machine.parseEpochRealtime(Files.readString(stamp));
        if (System.getenv("BENCH_DEBUG") != null) {
            StringBuilder b = new StringBuilder("DEBUG total=" + (started - before) / 1000 + "ms");
            for (var e : baton.tasks().events(id, 0, 100)) {
                long at = e.at().getEpochSecond() * 1_000_000L + e.at().getNano() / 1000;
                b.append(' ').append(e.type()).append('=').append((at - before) / 1000);
            }
            System.out.println(b);
        }
        return started - before;
    }

    /** Adds {@code count} tasks built by {@code spec} at once and returns completed tasks per second. */
    double throughput(int count, TaskSpec spec) throws InterruptedException {
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) add(spec);
        if (!engine.awaitIdle(Duration.ofMinutes(30))) throw new IllegalStateException("the engine did not finish");
        double seconds = (System.nanoTime() - start) / 1e9;
        int completed = baton.tasks()
                .list(new TaskQuery(Set.of(TaskStatus.COMPLETED), 1_000_000))
                .size();
        int failed = baton.tasks()
                .list(new TaskQuery(Set.of(TaskStatus.FAILED, TaskStatus.CANCELLED), 1_000_000))
                .size();
        if (failed > 0) throw new IllegalStateException(failed + " throughput task(s) did not complete");
        if (completed < count) throw new IllegalStateException("only " + completed + " of " + count + " completed");
        return count / seconds;
    }

    /** Waits for the file with a cheap check, so the waiting competes little with the engine for CPU. */
    private static void awaitFile(Path file, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!Files.exists(file)) {
            if (System.nanoTime() > deadline) throw new IllegalStateException(file + " was not written in " + timeout);
            Thread.sleep(1);
        }
    }

    private void awaitFinished(TaskId id, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            TaskStatus status = baton.tasks().get(id).status();
            if (status.isTerminal() && engine.activeRuns() == 0) return;
            Thread.sleep(5);
        }
        throw new IllegalStateException("task " + id + " did not finish in " + timeout);
    }

    @Override
    public void close() {
        engine.close();
        baton.close();
    }
}
