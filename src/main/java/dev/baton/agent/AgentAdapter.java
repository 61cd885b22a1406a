package dev.baton.agent;

import dev.baton.core.AgentProfile;
import dev.baton.core.Task;
import dev.baton.session.LaunchSpec;
import dev.baton.session.RunFiles;
import java.nio.file.Path;

/** Drives one kind of agent: how to start it for a task, and how to read how it went. Stateless. */
public interface AgentAdapter {

    /** The kind of agent this adapter drives, as named in profiles ({@code command}, {@code codex}, ...). */
    String kind();

    /** The command line and environment for one run of the task in {@code workdir}. */
    LaunchSpec launchSpec(AgentProfile profile, Task task, Path workdir, Path runDir);

    /** Reads the exit code and the run's files into an outcome. */
    RunOutcome outcome(int exitCode, RunFiles files);
}
