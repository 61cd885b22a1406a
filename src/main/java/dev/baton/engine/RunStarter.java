package dev.baton.engine;

import dev.baton.agent.AgentAdapter;
import dev.baton.agent.AgentEnvironment;
import dev.baton.agent.AgentRegistry;
import dev.baton.core.AgentProfile;
import dev.baton.core.AgentUnavailableException;
import dev.baton.core.BatonHome;
import dev.baton.core.Event;
import dev.baton.core.EventTypes;
import dev.baton.core.FailureReason;
import dev.baton.core.Run;
import dev.baton.core.Task;
import dev.baton.core.TaskStatus;
import dev.baton.session.LaunchSpec;
import dev.baton.session.ProcessLauncher;
import dev.baton.session.ProcessRef;
import dev.baton.store.Applied;
import dev.baton.store.Changes;
import dev.baton.store.Recorder;
import dev.baton.workspace.Worktree;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Prepares a claimed run's workspace and starts its agent process. Thread-safe. */
final class RunStarter {
    private final Recorder recorder;
    private final AgentRegistry agents;
    private final AgentEnvironment environments;
    private final Workdirs workdirs;
    private final ProcessLauncher launcher;
    private final BatonHome home;
    private final Clock clock;

    RunStarter(
            Recorder recorder,
            AgentRegistry agents,
            AgentEnvironment environments,
            Workdirs workdirs,
            ProcessLauncher launcher,
            BatonHome home,
            Clock clock) {
        this.recorder = recorder;
        this.agents = agents;
        this.environments = environments;
        this.workdirs = workdirs;
        this.launcher = launcher;
        this.home = home;
        this.clock = clock;
    }

    /**
     * The agent session a run continues: the last session of the same agent on this task, or on the
     * task it follows up, so a retry or follow-up picks up where the agent left off. Null for a
     * fresh session.
     */
    private String resumeSession(Task task, Run run) {
        for (Task t = task;
                t != null;
                t = t.spec().followUpOf() == null
                        ? null
                        : recorder.store().findTask(t.spec().followUpOf()).orElse(null)) {
            if (t == task && run.attempt() == 1) continue; // a first attempt: no earlier run of this task
            var runs = recorder.store().runsOf(t.id());
            for (int i = runs.size() - 1; i >= 0; i--) {
                Run earlier = runs.get(i);
                if (earlier.agent().equals(task.agent()) && earlier.result().sessionId() != null) {
                    return earlier.result().sessionId();
                }
            }
        }
        return null;
    }

    /**
     * The task as the adapter sees it: when an earlier attempt failed, with that failure, so the
     * agent's prompt can carry a handoff note (the stored task forgets it when it is queued again).
     * When the earlier attempt was another agent's, the note says what that agent did and said last.
     */
    private Task withHandoff(Task task, List<Run> runs, String handoff) {
        if (handoff != null) {
            Run previous = runs.reversed().stream()
                    .filter(r -> r.status().isTerminal())
                    .findFirst()
                    .orElseThrow();
            return task.withFailure(previous.failureReason(), handoff);
        }
        for (int i = runs.size() - 1; i >= 0; i--) {
            Run earlier = runs.get(i);
            if (earlier.status().isTerminal() && earlier.failureReason() != null) {
                return task.withFailure(earlier.failureReason(), earlier.failureDetail());
            }
        }
        return task;
    }

    /** Writes the handoff note to the run folder and names it in {@code BATON_HANDOFF} (for command agents). */
    private static LaunchSpec withHandoffFile(LaunchSpec spec, String handoff) {
        Path file = spec.runDir().resolve("handoff.md");
        try {
            java.nio.file.Files.createDirectories(spec.runDir());
            java.nio.file.Files.writeString(file, handoff + "\n");
        } catch (java.io.IOException e) {
            throw new dev.baton.core.LaunchException(
                    "cannot write the handoff note " + file + ": " + e.getMessage(), e);
        }
        Map<String, String> env = new java.util.HashMap<>(spec.env());
        env.put("BATON_HANDOFF", file.toString());
        return new LaunchSpec(spec.command(), spec.workdir(), env, spec.runDir());
    }

    /**
     * The spec with the agent's whole environment under the adapter's variables: the launcher starts
     * runs from the base only, so whatever else the agent gets must be in the spec.
     */
    private static LaunchSpec withEnvironment(LaunchSpec spec, Map<String, String> agentEnvironment) {
        Map<String, String> env = new java.util.HashMap<>(agentEnvironment);
        env.putAll(spec.env());
        return new LaunchSpec(spec.command(), spec.workdir(), env, spec.runDir());
    }

    /** The launched run and its task, both as stored. */
    record Started(Task task, Run run, ProcessRef process) {}

    /**
     * Starts the agent. Throws a BatonException when the workspace or the launch fails; returns
     * empty when the task was cancelled meanwhile (the process, if it started, is killed).
     */
    Optional<Started> start(Task task, Run run) {
        AgentProfile profile = agents.require(run.agent());
        AgentAdapter adapter = agents.adapterFor(profile);
        Map<String, String> env = environments.forRun(profile, adapter);
        adapter.preflight(profile, env).ifPresent(problem -> {
            throw new AgentUnavailableException(FailureReason.AUTH_MISSING, problem);
        });
        Optional<Worktree> worktree = workdirs.worktree(task);
        Path workdir = worktree.map(Worktree::path).orElseGet(() -> workdirs.scratch(task));
        String branch = worktree.map(Worktree::branch).orElse(null);

        // attempts count on across retries: a first attempt has no earlier run to read
        List<Run> runs = run.attempt() == 1 ? List.of() : recorder.store().runsOf(task.id());
        String handoff = Handoff.note(runs, run.agent());
        Task asSeen = ResultReferences.resolve(withHandoff(task, runs, handoff), recorder.store());
        LaunchSpec spec = adapter.launchSpec(profile, asSeen, workdir, home.runDir(run.id()), resumeSession(task, run));
        if (handoff != null) spec = withHandoffFile(spec, handoff);
        spec = withEnvironment(spec, env);
        ProcessRef process = launcher.launchDetached(spec);

        Run running = run.launched(process.pid(), process.startedAt(), workdir.toString(), branch);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("agent", run.agent());
        data.put("pid", process.pid());
        data.put("workdir", workdir.toString());
        if (branch != null) data.put("branch", branch);
        try {
            Applied applied = recorder.apply(Changes.builder()
                    .update(task.moveTo(TaskStatus.RUNNING, clock.instant()).withBranch(branch))
                    .update(running)
                    .event(Event.of(clock.instant(), task.id(), run.id(), EventTypes.RUN_STARTED, data))
                    .build());
            return Optional.of(new Started(applied.task(task.id()), applied.run(run.id()), process));
        } catch (dev.baton.core.BatonException e) {
            // Cancelled (or otherwise changed) while we prepared: the process must not run unrecorded.
            launcher.killGroup(process, java.time.Duration.ofSeconds(1));
            throw e;
        }
    }
}
