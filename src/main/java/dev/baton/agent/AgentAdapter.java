package dev.baton.agent;

import dev.baton.core.AgentProfile;
import dev.baton.core.Task;
import dev.baton.session.LaunchSpec;
import dev.baton.session.RunFiles;
import java.nio.file.Path;
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
     * @param env the environment the agent would run with (Baton's, plus the profile's)
     * @return what is missing and how to fix it, or empty when nothing is
     */
    default Optional<String> preflight(AgentProfile profile, Map<String, String> env) {
        return Optional.empty();
    }

    /** A fresh parser for one run's standard output. */
    default StreamParser parser() {
        return StreamParser.NONE;
    }

    /** Reads the exit code, the run's files and its transcript into an outcome. */
    RunOutcome outcome(int exitCode, RunFiles files, Transcript transcript);
}
