package dev.baton.route;

/** How an agent is paid for, in the order routing prefers: included quota, then paid API within budget, then fallbacks. */
public enum CostTier {
    INCLUDED,
    PAID,
    FALLBACK
}
