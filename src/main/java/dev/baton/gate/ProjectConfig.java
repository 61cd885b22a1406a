package dev.baton.gate;

import dev.baton.core.Autonomy;
import dev.baton.core.InvalidInputException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * A project's own settings, from {@code .baton/config.yaml} in its repository (see {@link
 * ProjectConfigReader}).
 *
 * @param autonomy how much runs without asking (see {@link Autonomy})
 * @param verify shell commands run after every task of the project, after the task's own
 * @param verifyAttempts further agent attempts after a red verify (default 2)
 * @param verifyTimeout how long one verify command may take
 * @param decisionTimeout how long a decision waits before it expires (and counts as rejected), or
 *     null for never
 * @param autoMerge merge each verified branch as soon as its task completes (the autonomy level
 *     still decides whether a merge needs approval)
 */
public record ProjectConfig(
        Autonomy autonomy,
        List<String> verify,
        int verifyAttempts,
        Duration verifyTimeout,
        Duration decisionTimeout,
        boolean autoMerge) {

    public static final int DEFAULT_VERIFY_ATTEMPTS = 2;
    public static final Duration DEFAULT_VERIFY_TIMEOUT = Duration.ofMinutes(10);
    public static final ProjectConfig DEFAULTS = new ProjectConfig(
            Autonomy.DEFAULT, List.of(), DEFAULT_VERIFY_ATTEMPTS, DEFAULT_VERIFY_TIMEOUT, null, false);

    public ProjectConfig {
        Objects.requireNonNull(autonomy, "autonomy");
        verify = List.copyOf(verify == null ? List.of() : verify);
        if (verifyAttempts < 0 || verifyAttempts > 10) {
            throw new InvalidInputException("verify_attempts must be between 0 and 10, not " + verifyAttempts);
        }
        verifyTimeout = verifyTimeout == null ? DEFAULT_VERIFY_TIMEOUT : verifyTimeout;
    }

    public ProjectConfig withAutonomy(Autonomy value) {
        return new ProjectConfig(value, verify, verifyAttempts, verifyTimeout, decisionTimeout, autoMerge);
    }
}
