package dev.baton.agent;

import dev.baton.core.AgentProfile;
import dev.baton.core.Task;
import dev.baton.session.LaunchSpec;
import dev.baton.session.RunFiles;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Drives one kind of agent: how to start it for a task, how to read its stream and how it went. Stateless. */
public interface AgentAdapter {

    /** The kind of agent this adapter drives, as named in profiles ({@code command}, {@code codex}, ...). */
    String kind();

    /**
     * The command line and environment for one run of the task in {@code workdir}.
     *
     * @param resumeSessionId the agent session to continue (a follow-up), or null for a new one
     */
    LaunchSpec launchSpec(AgentProfile profile, Task task, Path workdir, Path runDir, String resumeSessionId);

    /**
     * Checks, before anything is launched, that the agent has what it needs to authenticate.
     *
     * @param env the environment the agent will run with (see {@link AgentEnvironment})
     * @return what is missing and how to fix it, or empty when nothing is
     */
    default Optional<String> preflight(AgentProfile profile, Map<String, String> env) {
        return Optional.empty();
    }

    /**
     * The variables of Baton's environment this kind of agent gets beyond the base every agent gets
     * (names or globs such as {@code ANTHROPIC_*}): what its CLI reads for keys and settings. Nothing
     * else of Baton's environment reaches it unless its profile names it ({@code env_passthrough}).
     *
     * @param environment Baton's environment, for adapters whose configuration names a variable
     */
    default List<String> passedEnvironment(AgentProfile profile, Map<String, String> environment) {
        return List.of();
    }

    /** The variable a credential file holding a key alone is given as, or null when there is no such one. */
    default String keyVariable(AgentProfile profile) {
        return null;
    }

    /** A fresh parser for one run's standard output. */
    default StreamParser parser() {
        return StreamParser.NONE;
    }

    /** Reads the exit code, the run's files and its transcript into an outcome. */
    RunOutcome outcome(int exitCode, RunFiles files, Transcript transcript);
}
