package dev.baton.core;

/**
 * What an agent may use, as its registration declares. Null means no limit is declared.
 *
 * @param messagesPerDay runs (messages) a day
 * @param tokensPerRequest tokens one run may use
 * @param tokensPerDay tokens a day
 */
public record AgentLimits(Long messagesPerDay, Long tokensPerRequest, Long tokensPerDay) {
    public static final AgentLimits NONE = new AgentLimits(null, null, null);
}
