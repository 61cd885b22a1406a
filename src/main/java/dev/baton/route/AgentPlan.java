package dev.baton.route;

/**
 * What an agent may use per UTC day and how it is paid for. Null limits mean none is declared.
 *
 * @param messagesPerDay prompts (runs) a day
 * @param tokensPerDay input plus output tokens a day
 * @param budgetUsdPerDay money a day
 */
public record AgentPlan(String agent, CostTier tier, Long messagesPerDay, Long tokensPerDay, Double budgetUsdPerDay) {
    public static AgentPlan unlimited(String agent, CostTier tier) {
        return new AgentPlan(agent, tier, null, null, null);
    }
}
