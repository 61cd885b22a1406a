package dev.baton.engine;

import dev.baton.agent.AgentAdapter;
import dev.baton.agent.CommandAgent;
import dev.baton.agent.RunOutcome;
import dev.baton.agent.Transcript;
import dev.baton.core.AgentProfile;
import dev.baton.core.FailureReason;
import dev.baton.core.Task;
import dev.baton.session.LaunchSpec;
import dev.baton.session.RunFiles;
import java.nio.file.Path;

/**
 * A command agent whose exit code 75 means "rate-limited" (as a CLI reports a 429), for engine
 * tests of failover; the real CLIs are tested against the scripted model server elsewhere.
 */
final class LimitedAgent implements AgentAdapter {
    static final String KIND = "limited-command";
    static final int RATE_LIMITED_EXIT = 75;

    private final CommandAgent command = new CommandAgent();

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public LaunchSpec launchSpec(AgentProfile profile, Task task, Path workdir, Path runDir, String resume) {
        return command.launchSpec(profile, task, workdir, runDir, resume);
    }

    @Override
    public RunOutcome outcome(int exitCode, RunFiles files, Transcript transcript) {
        if (exitCode == RATE_LIMITED_EXIT) {
            return RunOutcome.failure(FailureReason.RATE_LIMITED, "429 too many requests", "rate limit reached");
        }
        return command.outcome(exitCode, files, transcript);
    }
}
