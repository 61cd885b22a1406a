package dev.baton.route;

import dev.baton.agent.AgentRegistration;

/**
 * An agent's daily plan from its registration: the limits it declares, and its cost tier from how it
 * signs in (a subscription login is included quota, an API key is paid per use). Stateless.
 */
public final class AgentPlans {
    private AgentPlans() {}

    public static AgentPlan of(AgentRegistration registration) {
        var limits = registration.limits();
        return new AgentPlan(
                registration.name(), tier(registration), limits.messagesPerDay(), limits.tokensPerDay(), null);
    }

    static CostTier tier(AgentRegistration registration) {
        String auth = registration.authMethod();
        if ("oauth".equals(auth)) return CostTier.INCLUDED;
        if ("api_key".equals(auth)) return CostTier.PAID;
        return TaskRouter.defaultTier(registration.profile().kind());
    }
}
