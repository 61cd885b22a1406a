package dev.baton;

import dev.baton.agent.AgentRegistry;
import dev.baton.engine.BatonHome;
import dev.baton.engine.Engine;
import dev.baton.engine.EngineConfig;
import dev.baton.engine.Recorder;
import dev.baton.engine.TaskService;
import dev.baton.session.LocalProcessLauncher;
import dev.baton.session.ProcessLauncher;
import dev.baton.store.SqliteStore;
import dev.baton.store.Store;
import dev.baton.workspace.GitWorkspaces;
import dev.baton.workspace.Workspaces;
import java.security.SecureRandom;
import java.time.Clock;

/**
 * Baton assembled on one home folder: the store, the agents, the task service, and an engine on
 * demand. The entry point for the CLI, the server and programs that embed Baton. Thread-safe.
 */
public final class Baton implements AutoCloseable {
    private final BatonHome home;
    private final Store store;
    private final Recorder recorder;
    private final AgentRegistry agents;
    private final Workspaces workspaces;
    private final ProcessLauncher launcher;
    private final Clock clock;
    private final TaskService tasks;

    private Baton(BatonHome home, EngineConfig config, AgentRegistry agents, Clock clock) {
        this.home = home;
        this.store = SqliteStore.open(home.database());
        this.recorder = new Recorder(store);
        this.agents = agents;
        this.launcher = new LocalProcessLauncher();
        this.workspaces = new GitWorkspaces(launcher, home.worktrees());
        this.clock = clock;
        this.tasks =
                new TaskService(recorder, agents, workspaces, launcher, clock, new SecureRandom(), config.killGrace());
    }

    /** Opens (creating if needed) the home with the built-in agents. */
    public static Baton open(BatonHome home, EngineConfig config) {
        return new Baton(home, config, AgentRegistry.commandOnly(config.maxConcurrentRuns()), Clock.systemUTC());
    }

    public static Baton open(BatonHome home, EngineConfig config, AgentRegistry agents) {
        return new Baton(home, config, agents, Clock.systemUTC());
    }

    public BatonHome home() {
        return home;
    }

    public Store store() {
        return store;
    }

    public Recorder recorder() {
        return recorder;
    }

    public AgentRegistry agents() {
        return agents;
    }

    public Workspaces workspaces() {
        return workspaces;
    }

    public ProcessLauncher launcher() {
        return launcher;
    }

    public TaskService tasks() {
        return tasks;
    }

    /** A new engine on this home (not started). */
    public Engine engine(EngineConfig config) {
        return new Engine(home, recorder, agents, workspaces, launcher, config, clock);
    }

    @Override
    public void close() {
        store.close();
    }
}
