package dev.baton;

import dev.baton.agent.Adapters;
import dev.baton.agent.AgentAdapter;
import dev.baton.agent.AgentCatalog;
import dev.baton.agent.AgentEnvironment;
import dev.baton.agent.AgentHealth;
import dev.baton.agent.AgentRegistration;
import dev.baton.agent.AgentRegistry;
import dev.baton.core.AgentProfile;
import dev.baton.core.BatonHome;
import dev.baton.core.Event;
import dev.baton.engine.Engine;
import dev.baton.engine.EngineConfig;
import dev.baton.gate.DecisionService;
import dev.baton.gate.ToolPermissions;
import dev.baton.integrate.MergeQueue;
import dev.baton.route.AgentPlan;
import dev.baton.route.AgentPlans;
import dev.baton.route.RoutingConfig;
import dev.baton.route.RoutingConfigFile;
import dev.baton.route.RoutingTables;
import dev.baton.route.UsageReport;
import dev.baton.schedule.Schedules;
import dev.baton.secret.PrivateFiles;
import dev.baton.secret.Redactor;
import dev.baton.secret.SecretFingerprints;
import dev.baton.session.LocalProcessLauncher;
import dev.baton.session.ProcessLauncher;
import dev.baton.store.Database;
import dev.baton.store.Overview;
import dev.baton.store.Recorder;
import dev.baton.store.SqliteDatabase;
import dev.baton.store.Store;
import dev.baton.store.TokenStore;
import dev.baton.tasks.TaskIntake;
import dev.baton.tasks.TaskService;
import dev.baton.workflow.WorkflowService;
import dev.baton.workspace.GitMerges;
import dev.baton.workspace.GitWorkspaces;
import dev.baton.workspace.RepoInfo;
import dev.baton.workspace.Workspaces;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Baton assembled on one home folder: the store, the agents, the task service, and an engine on
 * demand. The entry point for the CLI, the server and programs that embed Baton. Thread-safe.
 */
public final class Baton implements AutoCloseable {
    private final BatonHome home;
    private final Database database;
    private final Store store;
    private final Recorder recorder;
    private final AgentCatalog catalog;
    private final List<AgentRegistration> registrations;
    private final AgentRegistry agents;
    private final Workspaces workspaces;
    private final ProcessLauncher launcher;
    private final Clock clock;
    private final TaskService tasks;
    private final TaskIntake intake;
    private final WorkflowService workflows;
    private final DecisionService decisions;
    private final MergeQueue merges;
    private final RoutingTables tables;
    /** Baton's environment: agents get their share of it, and its secrets are redacted everywhere. */
    private final Map<String, String> environment;

    private volatile RoutingConfig routing;

    private Baton(
            BatonHome home,
            EngineConfig config,
            AgentCatalog catalog,
            List<AgentRegistration> registrations,
            AgentRegistry agents,
            ProcessLauncher launcher,
            Clock clock,
            Map<String, String> environment) {
        this.home = home;
        this.environment = Map.copyOf(environment);
        this.routing = RoutingConfigFile.read(home.root().resolve("routing.yaml")); // before anything is opened
        securePrivately(home);
        this.database = SqliteDatabase.open(home.database());
        this.store = database.store();
        this.recorder = new Recorder(store, redactor(home, this.environment));
        this.catalog = catalog;
        this.registrations = List.copyOf(registrations);
        this.agents = agents;
        this.launcher = launcher;
        this.workspaces = new GitWorkspaces(launcher, home.worktrees());
        this.clock = clock;
        this.tables = RoutingTables.on(database);
        this.tasks =
                new TaskService(recorder, agents, workspaces, launcher, clock, new SecureRandom(), config.killGrace());
        this.intake = new TaskIntake(tasks, agents, store);
        this.workflows = new WorkflowService(intake, tasks, agents, new SecureRandom());
        this.decisions = new DecisionService(recorder, tasks, clock, new SecureRandom());
        this.merges = new MergeQueue(recorder, decisions, new GitMerges(launcher, home.worktrees()), launcher, clock);
    }

    /**
     * Opens (creating if needed) the home with every agent found: the command agent, coding CLIs on
     * PATH, and registration files in the home's and the current project's agent folders.
     */
    public static Baton open(BatonHome home, EngineConfig config) {
        Map<String, String> environment = System.getenv();
        ProcessLauncher launcher = LocalProcessLauncher.withBaseOf(environment);
        AgentCatalog catalog = new AgentCatalog(Adapters.all(), launcher, environment);
        List<AgentRegistration> found =
                catalog.load(AgentCatalog.folders(home.root(), projectRoot()), config.maxConcurrentRuns());
        return new Baton(
                home, config, catalog, found, catalog.registry(found), launcher, Clock.systemUTC(), environment);
    }

    /** Opens the home with exactly the given agents (for programs and tests that choose their team). */
    public static Baton open(BatonHome home, EngineConfig config, AgentRegistry agents) {
        return open(home, config, agents, System.getenv());
    }

    /**
     * Opens the home with exactly the given agents, as if Baton ran in {@code environment} (for tests
     * that seed secrets): agents get their share of it, and its secrets are redacted.
     */
    public static Baton open(
            BatonHome home, EngineConfig config, AgentRegistry agents, Map<String, String> environment) {
        ProcessLauncher launcher = LocalProcessLauncher.withBaseOf(environment);
        List<AgentAdapter> adapters = Adapters.all();
        return new Baton(
                home,
                config,
                new AgentCatalog(adapters, launcher, environment),
                List.of(),
                agents,
                launcher,
                Clock.systemUTC(),
                environment);
    }

    /**
     * What is hidden: the secrets of this environment and, by fingerprint, those any Baton on this
     * home has run with (so a CLI in another shell masks the server's keys in logs).
     */
    private static Redactor redactor(BatonHome home, Map<String, String> environment) {
        Redactor own = Redactor.fromEnvironment(environment);
        try {
            return own.rememberedIn(home.root());
        } catch (java.io.IOException | RuntimeException e) {
            throw new dev.baton.core.StoreException(
                    "could not read or update " + home.root().resolve(SecretFingerprints.FILE) + ": " + e
                            + "; delete it (it is rebuilt as Batons open the home) or check the folder's permissions",
                    e);
        }
    }

    /** The home and its run folders readable by the user only: agents' raw output is kept there. */
    private static void securePrivately(BatonHome home) {
        try {
            PrivateFiles.folder(home.root());
            PrivateFiles.folder(home.runs());
        } catch (java.io.IOException e) {
            throw new dev.baton.core.StoreException(
                    "could not make the Baton home " + home.root() + " private to you: " + e
                            + "; check that the folder is yours, or point BATON_HOME elsewhere",
                    e);
        }
    }

    private static Path projectRoot() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.exists(p.resolve(".git"))) return p;
        }
        return null;
    }

    public BatonHome home() {
        return home;
    }

    /**
     * Tells {@code listener} of every event stored from now on by this process (live progress, the
     * engine beside a server); events of other processes are read from the log through {@link #tasks()}.
     */
    public void subscribe(Consumer<Event> listener) {
        recorder.subscribe(listener);
    }

    /**
     * The writer of this home's changes, for programs that embed Baton and store events of their
     * own (tests, benchmarks). Baton's own entry points never use it: they go through the services
     * ({@code PackageRulesTest} checks).
     */
    public Recorder recorder() {
        return recorder;
    }

    /** What counts as a secret here, for output read from files (agents' logs) before it is shown. */
    public Redactor redactor() {
        return recorder.redactor();
    }

    public AgentRegistry agents() {
        return agents;
    }

    /** The agents found and where each came from (empty when the agents were given explicitly). */
    public List<AgentRegistration> registrations() {
        return registrations;
    }

    /**
     * The names of the variables an agent's process gets (never their values): the base of Baton's
     * environment, what its kind reads, what its profile names and its credential file's.
     */
    public List<String> environmentNames(AgentProfile profile) {
        return new AgentEnvironment(environment).names(profile, agents.adapterFor(profile));
    }

    /** Checks every found agent (runs its binary's --version; checks credentials). Slow-ish: seconds. */
    public Map<String, AgentHealth> health() {
        Map<String, AgentHealth> health = new LinkedHashMap<>();
        registrations.forEach(r -> health.put(r.name(), catalog.health(r)));
        return health;
    }

    /** The repository that holds {@code dir}, checked (a git repository with a commit). */
    public RepoInfo inspectRepository(Path dir) {
        return workspaces.inspect(dir);
    }

    /** The installed git's version line, or empty when git cannot run. */
    public Optional<String> gitVersion() {
        return workspaces.gitVersion();
    }

    /** Makes {@code dir} a new repository holding its files as one commit (for samples such as the demo). */
    public void createRepository(Path dir, String message, String authorName, String authorEmail) {
        workspaces.createRepository(dir, message, authorName, authorEmail);
    }

    /** Usage per agent over the last {@code days} days (today first), with each agent's plan and limits. */
    public UsageReport usage(int days, Instant now) {
        List<String> registered =
                agents.profiles().stream().map(AgentProfile::name).toList();
        return UsageReport.build(tables, routingConfig(), registered, days, now);
    }

    /** Answers an agent's question about one tool call (policy first, else a decision for a person). */
    public ToolPermissions toolPermissions(Duration answerPoll) {
        return new ToolPermissions(recorder, decisions, clock, answerPoll);
    }

    public TaskService tasks() {
        return tasks;
    }

    /** The one front door for new tasks: every entry point's requests, checked by the same rules. */
    public TaskIntake intake() {
        return intake;
    }

    /** Workflow runs: submit a {@link dev.baton.workflow.Workflow}, list runs and their progress. */
    public WorkflowService workflows() {
        return workflows;
    }

    /** Requirement → plan of tasks: an llm-api agent's plan when one is registered, else the heuristic's. */
    public dev.baton.plan.Planner planner() {
        return new dev.baton.plan.Planner(intake, agents, environment, new SecureRandom());
    }

    /** Human decisions: pending questions, answers, expiry. */
    public DecisionService decisions() {
        return decisions;
    }

    /**
     * One pass of the merge queue of the repository that holds {@code dir}: completed task branches
     * merged into their base branch one at a time, each verified first.
     */
    public List<MergeQueue.Step> merge(Path dir) {
        return merges.merge(workspaces.inspect(dir).root());
    }

    /** A new engine on this home (not started); agents found offline now are not given work. */
    public Engine engine(EngineConfig config) {
        return Engine.builder()
                .home(home)
                .recorder(recorder)
                .agents(agents)
                .health(health())
                .workspaces(workspaces)
                .launcher(launcher)
                .clock(clock)
                .config(config)
                .intake(intake())
                .decisions(decisions)
                .merges(merges)
                .routing(routingConfig())
                .tables(tables)
                .environment(environment)
                .build();
    }

    /** Recurring tasks: add, list, remove. The engine fires them. */
    public Schedules schedules() {
        return new Schedules(tables.schedules(), agents, clock, java.time.ZoneId.systemDefault());
    }

    /** The usage ledger, rate limits and schedules in this home's database. */
    public RoutingTables tables() {
        return tables;
    }

    /** The API tokens in this home's database (the server issues and checks them). */
    public TokenStore tokens() {
        return database.tokens();
    }

    /** Counts and windows over this home's tasks, runs and events (for the server's figures). */
    public Overview overview() {
        return database.overview();
    }

    /**
     * How engines made from now on route: failover depth, capacity thresholds, and each agent's
     * daily plan (from its registration's limits unless the config names a plan for it).
     */
    public RoutingConfig routingConfig() {
        Map<String, AgentPlan> plans = new LinkedHashMap<>();
        registrations.forEach(r -> plans.put(r.name(), AgentPlans.of(r)));
        plans.putAll(routing.plans());
        return routing.withPlans(plans);
    }

    /** Replaces the routing settings read from {@code routing.yaml} (for programs and tests). */
    public void routing(RoutingConfig value) {
        this.routing = value;
    }

    @Override
    public void close() {
        launcher.close();
        database.close();
    }
}
