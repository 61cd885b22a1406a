package dev.baton.route;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * Synthetic agents with hidden success probabilities per task type, prices and rate limits; a
 * stream of tasks; and strategies to route them: learned (the {@link Router}), static (a fixed
 * favourite), round-robin, and an oracle that knows the hidden probabilities. Deterministic for a
 * seed. One simulated minute per task; a rate limit allows so many tasks per hour.
 */
public final class RoutingSimulation {
    static final List<String> TYPES = List.of("bug", "feature", "docs", "test");

    /** A synthetic agent: hidden success per type, price per task, tier, tasks allowed per hour (0 = no limit). */
    record Agent(String name, Map<String, Double> success, double price, CostTier tier, int perHour) {}

    static final List<Agent> TEAM = List.of(
            new Agent(
                    "claude-code",
                    Map.of("bug", 0.90, "feature", 0.86, "docs", 0.80, "test", 0.84),
                    0.12,
                    CostTier.PAID,
                    25),
            new Agent(
                    "codex", Map.of("bug", 0.86, "feature", 0.74, "docs", 0.70, "test", 0.90), 0.08, CostTier.PAID, 0),
            new Agent(
                    "gemini",
                    Map.of("bug", 0.70, "feature", 0.80, "docs", 0.91, "test", 0.72),
                    0.03,
                    CostTier.INCLUDED,
                    0),
            new Agent(
                    "local",
                    Map.of("bug", 0.40, "feature", 0.35, "docs", 0.55, "test", 0.45),
                    0.0,
                    CostTier.FALLBACK,
                    0));

    record Result(String strategy, int tasks, int successes, double cost, double regret, int held) {
        double successRate() {
            return (double) successes / tasks;
        }

        String row() {
            return String.format(
                    Locale.ROOT,
                    "| %s | %.1f%% | $%.2f | %.1f | %d |",
                    strategy,
                    100 * successRate(),
                    cost,
                    regret,
                    held);
        }
    }

    interface Strategy {
        String name();

        /** The agent for a task of this type among the eligible ones, or null to hold the task. */
        Agent choose(String type, List<Agent> eligible, Map<String, Map<String, Outcomes>> seen, Instant now);
    }

    static Result run(Strategy strategy, int tasks, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        Map<String, Map<String, Outcomes>> seen = new HashMap<>();
        Map<String, List<Instant>> uses = new HashMap<>();
        Instant start = Instant.parse("2026-11-22T00:00:00Z");
        int successes = 0;
        int held = 0;
        double cost = 0;
        double regret = 0;
        for (int i = 0; i < tasks; i++) {
            Instant now = start.plus(Duration.ofMinutes(i));
            String type = TYPES.get(random.nextInt(TYPES.size()));
            List<Agent> eligible = new ArrayList<>();
            for (Agent a : TEAM) {
                List<Instant> recent = uses.computeIfAbsent(a.name(), k -> new ArrayList<>());
                recent.removeIf(t -> !t.isAfter(now.minus(Duration.ofHours(1))));
                if (a.perHour() == 0 || recent.size() < a.perHour()) eligible.add(a);
            }
            double bestP = eligible.stream()
                    .mapToDouble(a -> a.success().get(type))
                    .max()
                    .orElse(0);
            Agent chosen = strategy.choose(type, eligible, seen, now);
            if (chosen == null) {
                held++;
                regret += bestP;
                continue;
            }
            double p = chosen.success().get(type);
            boolean ok = random.nextDouble() < p;
            successes += ok ? 1 : 0;
            cost += chosen.price();
            regret += bestP - p;
            uses.get(chosen.name()).add(now);
            seen.computeIfAbsent(type, k -> new HashMap<>())
                    .merge(
                            chosen.name(),
                            Outcomes.NONE.plus(ok, 60_000, chosen.price()),
                            (x, y) -> new Outcomes(
                                    x.successes() + y.successes(),
                                    x.failures() + y.failures(),
                                    x.totalMillis() + y.totalMillis(),
                                    x.totalCostUsd() + y.totalCostUsd()));
        }
        return new Result(strategy.name(), tasks, successes, cost, regret, held);
    }

    static Strategy learned(long seed) {
        Router router = Router.standard();
        RandomGenerator random = new SplittableRandom(seed ^ 0x5DEECE66DL);
        return new Strategy() {
            public String name() {
                return "learned (Thompson sampling)";
            }

            public Agent choose(
                    String type, List<Agent> eligible, Map<String, Map<String, Outcomes>> seen, Instant now) {
                List<Candidate> candidates = TEAM.stream()
                        .map(a -> new Candidate(
                                a.name(),
                                Set.of(),
                                true,
                                1,
                                eligible.contains(a) ? null : now.plus(Duration.ofMinutes(30)),
                                null,
                                null,
                                a.tier(),
                                a.price()))
                        .toList();
                Route route = router.route(
                        new RouteRequest(type, Set.of(), null),
                        candidates,
                        (t, agent) -> seen.getOrDefault(t, Map.of()).getOrDefault(agent, Outcomes.NONE),
                        now,
                        random);
                return TEAM.stream()
                        .filter(a -> a.name().equals(route.agent()))
                        .findFirst()
                        .orElse(null);
            }
        };
    }

    static Strategy oracle() {
        return new Strategy() {
            public String name() {
                return "oracle (knows the hidden odds)";
            }

            public Agent choose(
                    String type, List<Agent> eligible, Map<String, Map<String, Outcomes>> seen, Instant now) {
                Agent best = null;
                for (Agent a : eligible) {
                    if (best == null
                            || a.success().get(type) > best.success().get(type)
                            || (a.success().get(type) == best.success().get(type) && a.price() < best.price())) {
                        best = a;
                    }
                }
                return best;
            }
        };
    }

    /** Always the favourite; while it is rate-limited the task waits (counted as held, not done). */
    static Strategy favourite(String name) {
        return new Strategy() {
            public String name() {
                return "static (always " + name + ")";
            }

            public Agent choose(
                    String type, List<Agent> eligible, Map<String, Map<String, Outcomes>> seen, Instant now) {
                return eligible.stream()
                        .filter(a -> a.name().equals(name))
                        .findFirst()
                        .orElse(null);
            }
        };
    }

    static Strategy roundRobin() {
        int[] next = {0};
        return new Strategy() {
            public String name() {
                return "round-robin";
            }

            public Agent choose(
                    String type, List<Agent> eligible, Map<String, Map<String, Outcomes>> seen, Instant now) {
                if (eligible.isEmpty()) return null;
                return eligible.get(next[0]++ % eligible.size());
            }
        };
    }

    /** Prints the comparison as a markdown table (for docs/performance.md). */
    public static void main(String[] args) {
        int tasks = 10_000;
        long seed = args.length > 0 ? Long.parseLong(args[0]) : 42;
        System.out.println("| strategy | success | cost | regret (expected successes lost vs. oracle) | held |");
        System.out.println("|---|---|---|---|---|");
        for (Strategy s : List.of(oracle(), learned(seed), favourite("claude-code"), roundRobin())) {
            System.out.println(run(s, tasks, seed).row());
        }
    }
}
