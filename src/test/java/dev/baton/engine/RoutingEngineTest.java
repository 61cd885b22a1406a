package dev.baton.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.agent.AgentRegistry;
import dev.baton.agent.CommandAgent;
import dev.baton.core.AgentProfile;
import dev.baton.core.Event;
import dev.baton.core.EventTypes;
import dev.baton.core.FailureReason;
import dev.baton.core.Run;
import dev.baton.core.Task;
import dev.baton.core.TaskId;
import dev.baton.core.TaskSpec;
import dev.baton.core.TaskStatus;
import dev.baton.route.AgentPlan;
import dev.baton.route.Capacity;
import dev.baton.route.CostTier;
import dev.baton.route.RoutingConfig;
import dev.baton.route.RoutingEvents;
import dev.baton.schedule.Schedules;
import dev.baton.store.LedgerEntry;
import dev.baton.testing.Eventually;
import dev.baton.testing.GitRepos;
import dev.baton.testing.TestBaton;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The engine routing through the learning router: explanations, history, rate limits, quotas, failover. */
class RoutingEngineTest {
    private static final String FAILS_FIRST_THEN_CONTINUES = """
            if [ -z "$BATON_HANDOFF" ]; then echo first > first.txt; echo 'out of requests'; exit 75; fi
            cp "$BATON_HANDOFF" handoff.md && cat first.txt > second.txt && echo continued""";

    @TempDir
    Path dir;

    /**
     * A stand-in for a coding agent: not of the command kind, so the router gives it prose by
     * capability (the built-in command agent takes only shell tasks and tasks that name it).
     */
    private static AgentProfile coding(String name, Set<String> capabilities) {
        return new AgentProfile(name, LimitedAgent.KIND, capabilities, 2, CommandAgent.DEFAULT_TEMPLATE, Map.of());
    }

    private static AgentProfile limited(String name) {
        return new AgentProfile(
                name, LimitedAgent.KIND, Set.of("code_execution"), 2, CommandAgent.DEFAULT_TEMPLATE, Map.of());
    }

    private TestBaton baton(EngineConfig config, AgentProfile... profiles) {
        AgentRegistry.Builder registry =
                AgentRegistry.builder().adapter(new CommandAgent()).adapter(new LimitedAgent());
        for (AgentProfile p : profiles) registry.profile(p);
        return new TestBaton(dir.resolve("home"), config, registry.build());
    }

    private static List<Event> events(TestBaton f, TaskId id, String type) {
        return f.baton.tasks().events(id, 0, 10_000).stream()
                .filter(e -> e.type().equals(type))
                .toList();
    }

    @Test
    void everyRunIsRoutedByCapabilityAndCarriesTheExplanation() throws Exception {
        try (TestBaton f = baton(
                TestBaton.fastConfig(2),
                coding("alpha", Set.of("shell")),
                coding("beta", Set.of("shell", "code_execution")))) {
            f.start();
            TaskId id = f.add(TaskSpec.builder("echo ok")
                    .requires(Set.of("code_execution"))
                    .build());
            f.awaitIdle();

            assertThat(f.task(id).status()).isEqualTo(TaskStatus.COMPLETED);
            assertThat(f.runs(id)).extracting(Run::agent).containsExactly("beta");
            Event routed = events(f, id, EventTypes.TASK_ROUTED).getFirst();
            assertThat(routed.data().get("agent")).isEqualTo("beta");
            assertThat((String) routed.data().get("why"))
                    .startsWith("beta: ")
                    .contains("alpha lacks code_execution")
                    .contains("no general tasks yet, trying it");
        }
    }

    @Test
    void learnedHistoryPerTaskTypeSendsWorkToTheAgentThatSucceeds() throws Exception {
        try (TestBaton f =
                baton(TestBaton.fastConfig(4), coding("alpha", Set.of("shell")), coding("beta", Set.of("shell")))) {
            Instant past = Instant.now().minus(Duration.ofDays(3));
            for (int i = 0; i < 20; i++) {
                f.baton.tables().ledger().record(entry("old-a." + i, "alpha", "bug", "failed", past));
                f.baton
                        .tables()
                        .ledger()
                        .record(entry("old-b." + i, "beta", "bug", i < 17 ? "succeeded" : "failed", past));
            }
            f.start();
            List<TaskId> ids = new java.util.ArrayList<>();
            for (int i = 0; i < 8; i++) { // one at a time: a busy favourite would send work elsewhere
                ids.add(f.add(TaskSpec.builder("echo fixed").type("bug").build()));
                f.awaitIdle();
            }

            for (TaskId id : ids) {
                assertThat(f.runs(id)).extracting(Run::agent).containsExactly("beta");
            }
            assertThat((String) events(f, ids.getFirst(), EventTypes.TASK_ROUTED)
                            .getFirst()
                            .data()
                            .get("why"))
                    .isEqualTo("beta: beta succeeded on 17 of 20 bug tasks");
            // The runs themselves are booked: the ledger now knows 8 more successes of beta on bugs.
            assertThat(f.baton.tables().ledger().performance())
                    .filteredOn(r -> r.agent().equals("beta"))
                    .singleElement()
                    .satisfies(r -> assertThat(r.successes()).isEqualTo(25));
        }
    }

    private static LedgerEntry entry(String run, String agent, String type, String status, Instant at) {
        return new LedgerEntry(run, "old", agent, "", type, at, status, null, null, 1000, 10, 10, 0, 1, 0);
    }

    @Test
    void aRateLimitedAgentIsPassedOverUntilItsResetAlsoAfterARestart() throws Exception {
        Instant until = Instant.now().plus(Duration.ofHours(1));
        try (TestBaton f =
                baton(TestBaton.fastConfig(2), coding("alpha", Set.of("shell")), coding("beta", Set.of("shell")))) {
            f.baton.tables().rateLimits().limit("alpha", until, "429", Instant.now());
        }
        // A new Baton on the same home: the limit was kept in the database.
        try (TestBaton f =
                baton(TestBaton.fastConfig(2), coding("alpha", Set.of("shell")), coding("beta", Set.of("shell")))) {
            f.start();
            TaskId id =
                    f.add(TaskSpec.builder("echo ok").preferredAgent("alpha").build());
            f.awaitIdle();

            assertThat(f.runs(id)).extracting(Run::agent).containsExactly("beta");
            assertThat((String) events(f, id, EventTypes.TASK_ROUTED)
                            .getFirst()
                            .data()
                            .get("why"))
                    .startsWith("beta: alpha rate-limited until ")
                    .contains("(preferred alpha cannot take it)");
        }
    }

    @Test
    void anAgentPastItsDailyQuotaHoldsWorkBackInsteadOfFailingIt() throws Exception {
        try (TestBaton f = baton(TestBaton.fastConfig(2), coding("alpha", Set.of("shell")))) {
            f.baton.routing(RoutingConfig.defaults()
                    .withCapacity(new Capacity(0.5, 1.0))
                    .withPlans(Map.of("alpha", new AgentPlan("alpha", CostTier.INCLUDED, 2L, null, null))));
            f.start();
            TaskId first = f.add(TaskSpec.builder("echo one").build());
            f.awaitIdle();
            TaskId second = f.add(TaskSpec.builder("echo two").build());
            f.awaitIdle();
            TaskId third = f.add(TaskSpec.builder("echo three").build());
            Eventually.await(
                    "the third task is held", Duration.ofSeconds(20), () -> !events(f, third, RoutingEvents.TASK_HELD)
                            .isEmpty());

            assertThat(f.task(first).status()).isEqualTo(TaskStatus.COMPLETED);
            assertThat(f.task(second).status()).isEqualTo(TaskStatus.COMPLETED);
            Task held = f.task(third);
            assertThat(held.status()).isEqualTo(TaskStatus.QUEUED);
            assertThat(f.runs(third)).isEmpty();
            assertThat((String) events(f, third, RoutingEvents.TASK_HELD)
                            .getFirst()
                            .data()
                            .get("why"))
                    .contains("alpha has used today's quota");
            // Past half of its plan when the second task was routed: one warning for the day.
            assertThat(f.baton.tasks().eventsAfter(0, 10_000))
                    .filteredOn(e -> e.type().equals(RoutingEvents.AGENT_CAPACITY_WARNING))
                    .singleElement()
                    .satisfies(e -> assertThat(e.data())
                            .containsEntry("agent", "alpha")
                            .containsEntry("warning", "alpha used 50% of its messages per day"));
            Thread.sleep(300); // more passes of the dispatcher: the reason is told once, not per pass
            assertThat(events(f, third, RoutingEvents.TASK_HELD)).hasSize(1);
        }
    }

    @Test
    void aScheduleMissedWhileBatonWasDownRunsOnceWhenTheEngineStarts() throws Exception {
        try (TestBaton f = baton(TestBaton.fastConfig(2), coding("alpha", Set.of("shell")))) {
            java.time.Clock twoDaysAgo =
                    java.time.Clock.fixed(Instant.now().minus(Duration.ofDays(2)), java.time.ZoneOffset.UTC);
            new Schedules(f.baton.tables().schedules(), f.baton.agents(), twoDaysAgo, java.time.ZoneId.systemDefault())
                    .add("0 * * * *", "echo scheduled", null, null, null);
            f.start();
            Eventually.await(
                    "the scheduled task completed",
                    Duration.ofSeconds(30),
                    () -> f.baton
                                    .tasks()
                                    .list(new dev.baton.store.TaskQuery(java.util.EnumSet.of(TaskStatus.COMPLETED), 10))
                                    .size()
                            == 1);
            f.awaitIdle();
            assertThat(f.baton
                            .tasks()
                            .list(new dev.baton.store.TaskQuery(java.util.EnumSet.allOf(TaskStatus.class), 10)))
                    .singleElement()
                    .satisfies(t -> assertThat(t.spec().source()).startsWith("schedule s-"));
        }
    }

    @Test
    void aRateLimitedRunFailsOverToAnotherAgentInTheSameWorktreeWithAHandoffNote() throws Exception {
        Path repo = GitRepos.create(dir.resolve("repo"));
        try (TestBaton f =
                baton(TestBaton.fastConfig(2), limited("limited"), coding("helper", Set.of("code_execution")))) {
            f.start();
            TaskId id = f.add(TaskSpec.builder(FAILS_FIRST_THEN_CONTINUES)
                    .title("Carry on")
                    .repo(repo.toString())
                    .preferredAgent("limited")
                    .build());
            f.awaitIdle();

            Task task = f.task(id);
            List<Run> runs = f.runs(id);
            assertThat(task.status()).as(runs.toString()).isEqualTo(TaskStatus.COMPLETED);
            assertThat(runs).extracting(Run::agent).containsExactly("limited", "helper");
            assertThat(runs.get(0).failureReason()).isEqualTo(FailureReason.RATE_LIMITED);
            assertThat(runs.get(1).workdir()).isEqualTo(runs.get(0).workdir());
            assertThat(runs.get(1).branch()).isEqualTo(runs.get(0).branch()).isEqualTo(task.branch());
            assertThat(GitRepos.git(repo, "show", task.branch() + ":second.txt"))
                    .isEqualTo("first");
            String handoff = GitRepos.git(repo, "show", task.branch() + ":handoff.md");
            assertThat(handoff)
                    .contains("Handoff: you take over this task from limited")
                    .contains("rate_limited")
                    .contains("1 commit(s)")
                    .contains("Its last message: rate limit reached");

            Event failover = events(f, id, RoutingEvents.TASK_FAILOVER).getFirst();
            assertThat(failover.data())
                    .containsEntry("from", "limited")
                    .containsEntry("to", "helper")
                    .containsEntry("reason", "rate_limited")
                    .containsEntry("hop", 1)
                    .containsEntry("max", 3);
            // It gave no reset time: nothing is recorded; the task just leaves the agent.
            assertThat(f.baton.tables().rateLimits().activeAt(Instant.now())).isEmpty();
            assertThat((String) events(f, id, EventTypes.TASK_ROUTED)
                            .getLast()
                            .data()
                            .get("why"))
                    .startsWith("helper: limited failed this task (rate_limited); helper ");
        }
    }

    @Test
    void failoverDepthIsBounded() throws Exception {
        EngineConfig fast = TestBaton.fastConfig(2);
        EngineConfig noRetries = new EngineConfig(
                fast.maxConcurrentRuns(),
                fast.pollInterval(),
                fast.leaseDuration(),
                fast.killGrace(),
                fast.retryBackoff(),
                fast.maxRetryBackoff(),
                fast.outputEventInterval(),
                0,
                fast.stallTimeout());
        try (TestBaton f = baton(noRetries, limited("one"), limited("two"), limited("three"))) {
            f.baton.routing(RoutingConfig.defaults().withMaxFailovers(1));
            f.start();
            TaskId id = f.add(TaskSpec.builder("exit 75").preferredAgent("one").build());
            f.awaitIdle();

            Task task = f.task(id);
            assertThat(task.status()).isEqualTo(TaskStatus.FAILED);
            assertThat(task.failureReason()).isEqualTo(FailureReason.RATE_LIMITED);
            assertThat(f.runs(id)).hasSize(2).extracting(Run::agent).startsWith("one");
            assertThat(events(f, id, RoutingEvents.TASK_FAILOVER)).hasSize(1);
        }
    }
}
