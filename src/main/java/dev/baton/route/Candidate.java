package dev.baton.route;

import java.time.Instant;
import java.util.Set;

/**
 * An agent as the router sees it at one moment.
 *
 * @param available false when the agent is offline (binary or credentials missing)
 * @param freeSlots runs it may still start under its concurrency limit
 * @param rateLimitedUntil when its rate limit lifts, or null when it is not limited
 * @param quotaLeft runs (messages) it may still make today, or null for no quota
 * @param budgetLeftUsd money it may still spend today, or null for no budget
 * @param expectedCostUsd what one task usually costs on it (0 for included quota)
 * @param offlineReason why it is not available, shown in explanations ("is offline" when null)
 * @param commandRunner an agent of the command kind: it runs a task's text as a command line, so it
 *     takes only shell tasks and tasks sent to it by name, never prose
 */
public record Candidate(
        String name,
        Set<String> capabilities,
        boolean available,
        int freeSlots,
        Instant rateLimitedUntil,
        Long quotaLeft,
        Double budgetLeftUsd,
        CostTier tier,
        double expectedCostUsd,
        String offlineReason,
        boolean commandRunner) {

    public Candidate {
        capabilities = Set.copyOf(capabilities);
    }

    public Candidate(
            String name,
            Set<String> capabilities,
            boolean available,
            int freeSlots,
            Instant rateLimitedUntil,
            Long quotaLeft,
            Double budgetLeftUsd,
            CostTier tier,
            double expectedCostUsd) {
        this(
                name,
                capabilities,
                available,
                freeSlots,
                rateLimitedUntil,
                quotaLeft,
                budgetLeftUsd,
                tier,
                expectedCostUsd,
                null,
                false);
    }
}
