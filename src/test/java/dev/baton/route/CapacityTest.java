package dev.baton.route;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CapacityTest {
    private final Capacity capacity = new Capacity(0.8, 1.0);

    @Test
    void belowTheWarnThresholdNothingIsSaid() {
        var check = capacity.check(
                new AgentPlan("codex", CostTier.INCLUDED, 100L, 1000L, 5.0), new Capacity.Used(10, 100, 0.5));
        assertThat(check.stopped()).isFalse();
        assertThat(check.warning()).isNull();
        assertThat(check.messagesLeft()).isEqualTo(90);
        assertThat(check.budgetLeftUsd()).isEqualTo(4.5);
    }

    @Test
    void pastTheWarnThresholdItWarnsAndAtTheStopThresholdItStops() {
        AgentPlan plan = new AgentPlan("codex", CostTier.PAID, null, 1000L, 5.0);
        var warned = capacity.check(plan, new Capacity.Used(3, 850, 1.0));
        assertThat(warned.stopped()).isFalse();
        assertThat(warned.warning()).isEqualTo("codex used 85% of its tokens per day");
        assertThat(warned.messagesLeft()).isNull();

        var stopped = capacity.check(plan, new Capacity.Used(3, 500, 5.0));
        assertThat(stopped.stopped()).isTrue();
        assertThat(stopped.messagesLeft()).isZero(); // so the router holds work back
        assertThat(stopped.budgetLeftUsd()).isZero();
        assertThat(stopped.warning()).isEqualTo("codex used 100% of its budget per day");
    }

    @Test
    void anAgentWithoutAPlanIsNeverStopped() {
        var check = capacity.check(
                AgentPlan.unlimited("command", CostTier.INCLUDED), new Capacity.Used(10_000, 1L << 40, 999));
        assertThat(check.stopped()).isFalse();
        assertThat(check.warning()).isNull();
        assertThat(check.messagesLeft()).isNull();
    }

    @Test
    void thresholdsMustBeInOrder() {
        assertThatThrownBy(() -> new Capacity(0.9, 0.5)).hasMessageContaining("0 < warn_at <= stop_at");
    }
}
