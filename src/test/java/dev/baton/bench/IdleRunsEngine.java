package dev.baton.bench;

import dev.baton.Baton;
import dev.baton.agent.AgentRegistry;
import dev.baton.agent.CommandAgent;
import dev.baton.core.AgentProfile;
import dev.baton.core.BatonHome;
import dev.baton.core.Run;
import dev.baton.core.RunStatus;
import dev.baton.core.TaskSpec;
import dev.baton.engine.Engine;
import dev.baton.engine.EngineConfig;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The engine JVM of {@link IdleRunsBench}: Baton's default engine settings, except that this node
 * and the command agent may run {@code count} runs at once. Talks over stdin/stdout: prints IDLE
 * once the engine runs with no work, adds {@code count} tasks {@code sleep SECONDS} when it reads
 * GO, prints READY once every run's process is running, and on end of input stops dispatching,
 * kills every run's process group and exits.
 *
 * <p>Arguments: HOME COUNT SECONDS.
 */
public final class IdleRunsEngine {
    private IdleRunsEngine() {}

    public static void main(String[] args) throws Exception {
        Path home = Path.of(args[0]);
        int count = Integer.parseInt(args[1]);
        int seconds = Integer.parseInt(args[2]);
        EngineConfig config = EngineConfig.defaults().withMaxConcurrentRuns(count);
        AgentRegistry agents = AgentRegistry.builder()
                .adapter(new CommandAgent())
                .profile(new AgentProfile(
                        "command", "command", Set.of("shell"), count, CommandAgent.DEFAULT_TEMPLATE, Map.of()))
                .build();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in));
        try (Baton baton = Baton.open(new BatonHome(home), config, agents)) {
            Engine engine = baton.engine(config);
            engine.start();
            System.out.println("IDLE " + ProcessHandle.current().pid());
            if (!"GO".equals(in.readLine())) return;
            long start = System.nanoTime();
            for (int i = 0; i < count; i++) {
                baton.tasks()
                        .add(
                                TaskSpec.builder("sleep " + seconds)
                                        .type(TaskSpec.SHELL_TYPE)
                                        .build(),
                                null);
                engine.wake();
            }
            while (running(baton).size() < count) {
                if (System.nanoTime() - start > 600_000_000_000L) {
                    throw new IllegalStateException("only " + running(baton).size() + " of " + count + " started");
                }
                Thread.sleep(200);
            }
            System.out.printf("READY %.1f%n", (System.nanoTime() - start) / 1e9);
            while (in.readLine() != null) {
                // wait for the end of input
            }
            List<Long> groups = running(baton).stream().map(Run::pid).toList();
            engine.close(); // no more dispatching, so the killed runs are not retried
            killGroups(groups);
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (engine.activeRuns() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(100); // let the watchers finish before the store closes
            }
        }
        System.exit(0);
    }

    private static List<Run> running(Baton baton) {
        return baton.tasks().activeRuns().stream()
                .filter(r -> r.status() == RunStatus.RUNNING && r.pid() != null)
                .toList();
    }

    /** Each run is the leader of its own process group (setsid); kill them a few hundred at a time. */
    static void killGroups(List<Long> groups) throws Exception {
        for (int i = 0; i < groups.size(); i += 200) {
            List<String> command = new ArrayList<>(List.of("kill", "-KILL", "--"));
            groups.subList(i, Math.min(groups.size(), i + 200)).forEach(pid -> command.add("-" + pid));
            new ProcessBuilder(command).inheritIO().start().waitFor();
        }
    }
}
