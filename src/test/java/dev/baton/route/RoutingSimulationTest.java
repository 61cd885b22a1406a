package dev.baton.route;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The routing targets, on 10,000 simulated tasks, for several seeds (deterministic, not timed). */
class RoutingSimulationTest {
    @ParameterizedTest
    @ValueSource(longs = {42, 7, 2026})
    void learnedRoutingIsCloseToTheOracleAndAheadOfStaticRouting(long seed) {
        var oracle = RoutingSimulation.run(RoutingSimulation.oracle(), 10_000, seed);
        var learned = RoutingSimulation.run(RoutingSimulation.learned(seed), 10_000, seed);
        var favourite = RoutingSimulation.run(RoutingSimulation.favourite("claude-code"), 10_000, seed);
        var roundRobin = RoutingSimulation.run(RoutingSimulation.roundRobin(), 10_000, seed);

        assertThat(learned.successRate()).isGreaterThanOrEqualTo(0.95 * oracle.successRate());
        assertThat(learned.cost()).isLessThanOrEqualTo(1.10 * oracle.cost());
        assertThat(learned.successes()).isGreaterThan(favourite.successes());
        assertThat(learned.successes()).isGreaterThan(roundRobin.successes());
        assertThat(favourite.held())
                .as("the favourite is rate-limited part of the time")
                .isGreaterThan(0);
        assertThat(learned.held()).isZero();
    }
}
