package dev.baton.route;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The pure router's rule for agents of the command kind, which run a task's text with sh -c. */
class CommandRunnerRoutingTest {
    private static final Instant NOW = Instant.parse("2026-01-31T10:00:00Z");
    private static final Set<String> ALL = Set.of("code_execution", "file_access", "shell");

    private static Candidate command(int freeSlots) {
        return new Candidate("command", ALL, true, freeSlots, null, null, null, CostTier.INCLUDED, 0, null, true);
    }

    private static Candidate coder(int freeSlots) {
        return new Candidate("coder", ALL, true, freeSlots, null, null, null, CostTier.INCLUDED, 0, null, false);
    }

    private static Route route(RouteRequest request, Candidate... candidates) {
        return Router.standard()
                .route(request, List.of(candidates), (type, agent) -> Outcomes.NONE, NOW, new Random(7));
    }

    private static RouteRequest prose(String named) {
        return new RouteRequest("bug", Set.of(), named);
    }

    private static RouteRequest shell(String named) {
        return new RouteRequest("shell", Set.of(), named);
    }

    @Test
    void proseGoesToTheCodingAgentWhateverTheCommandAgentsCapabilities() {
        Route route = route(prose(null), command(4), coder(1));
        assertThat(route.agent()).isEqualTo("coder");
        assertThat(route.explanation()).contains("command runs text as a shell command");
    }

    @Test
    void proseWaitsForABusyCodingAgentInsteadOfOverflowingToTheCommandAgent() {
        Route route = route(prose(null), command(4), coder(0));
        assertThat(route.agent()).isNull();
        assertThat(route.waitNotFail()).isTrue();
    }

    @Test
    void proseThatOnlyTheCommandAgentCouldTakeGoesNowhere() {
        Route route = route(prose(null), command(4));
        assertThat(route.agent()).isNull();
        assertThat(route.waitNotFail()).isFalse();
    }

    @Test
    void aShellTaskGoesToTheCommandAgentAndNotToACodingAgent() {
        assertThat(route(shell(null), command(4), coder(1)).agent()).isEqualTo("command");
        Route noCommandAgent = route(shell(null), coder(1));
        assertThat(noCommandAgent.agent()).isNull();
        assertThat(noCommandAgent.explanation()).contains("coder does not run shell tasks");
    }

    @Test
    void aTaskThatNamesAnAgentMayGoToItWhateverItsKind() {
        assertThat(route(prose("command"), command(4), coder(1)).agent()).isEqualTo("command");
        assertThat(route(shell("coder"), command(4), coder(1)).agent()).isEqualTo("coder");
    }

    @Test
    void aRetryPreferringTheCommandAgentDoesNotMakeProseItsWork() {
        // A retry prefers the agent the task had; only the name the task itself gives admits it.
        Route route = route(new RouteRequest("bug", Set.of(), "command", null), command(4), coder(1));
        assertThat(route.agent()).isEqualTo("coder");
    }
}
