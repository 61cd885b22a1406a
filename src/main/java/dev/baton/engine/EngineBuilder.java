package dev.baton.engine;

import dev.baton.agent.AgentHealth;
import dev.baton.agent.AgentRegistry;
import dev.baton.core.BatonHome;
import dev.baton.gate.DecisionService;
import dev.baton.integrate.MergeQueue;
import dev.baton.route.RoutingConfig;
import dev.baton.route.RoutingTables;
import dev.baton.session.ProcessLauncher;
import dev.baton.store.Recorder;
import dev.baton.tasks.TaskIntake;
import dev.baton.workspace.Workspaces;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;

/**
 * What an {@link Engine} is made of: the home's services it drives, named one by one so the
 * assembly reads as a list. Every part must be given; {@link #build()} says which one is missing.
 * Not thread-safe: fill it on one thread, then build.
 */
public final class EngineBuilder {
    BatonHome home;
    Recorder recorder;
    AgentRegistry agents;
    Map<String, AgentHealth> health = Map.of();
    Workspaces workspaces;
    ProcessLauncher launcher;
    Clock clock = Clock.systemUTC();
    EngineConfig config;
    TaskIntake intake;
    DecisionService decisions;
    MergeQueue merges;
    RoutingConfig routing;
    RoutingTables tables;
    /** Baton's environment, of which each agent gets its share (see {@code AgentEnvironment}). */
    Map<String, String> environment = System.getenv();

    EngineBuilder() {}

    /** Baton's environment as agents are given it; {@code System.getenv()} unless a test seeds its own. */
    public EngineBuilder environment(Map<String, String> value) {
        environment = value;
        return this;
    }

    public EngineBuilder home(BatonHome value) {
        home = value;
        return this;
    }

    public EngineBuilder recorder(Recorder value) {
        recorder = value;
        return this;
    }

    public EngineBuilder agents(AgentRegistry value) {
        agents = value;
        return this;
    }

    /** Known health per agent name; an agent not in it counts as available. Default: none known. */
    public EngineBuilder health(Map<String, AgentHealth> value) {
        health = Map.copyOf(value);
        return this;
    }

    public EngineBuilder workspaces(Workspaces value) {
        workspaces = value;
        return this;
    }

    public EngineBuilder launcher(ProcessLauncher value) {
        launcher = value;
        return this;
    }

    /** Default: the system's UTC clock. */
    public EngineBuilder clock(Clock value) {
        clock = value;
        return this;
    }

    public EngineBuilder config(EngineConfig value) {
        config = value;
        return this;
    }

    /** The front door schedules add their tasks through. */
    public EngineBuilder intake(TaskIntake value) {
        intake = value;
        return this;
    }

    public EngineBuilder decisions(DecisionService value) {
        decisions = value;
        return this;
    }

    public EngineBuilder merges(MergeQueue value) {
        merges = value;
        return this;
    }

    public EngineBuilder routing(RoutingConfig value) {
        routing = value;
        return this;
    }

    public EngineBuilder tables(RoutingTables value) {
        tables = value;
        return this;
    }

    /** A new engine, not started. */
    public Engine build() {
        Objects.requireNonNull(home, "home");
        Objects.requireNonNull(recorder, "recorder");
        Objects.requireNonNull(agents, "agents");
        Objects.requireNonNull(workspaces, "workspaces");
        Objects.requireNonNull(launcher, "launcher");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(intake, "intake");
        Objects.requireNonNull(decisions, "decisions");
        Objects.requireNonNull(merges, "merges");
        Objects.requireNonNull(routing, "routing");
        Objects.requireNonNull(tables, "tables");
        Objects.requireNonNull(environment, "environment");
        return new Engine(this);
    }
}
