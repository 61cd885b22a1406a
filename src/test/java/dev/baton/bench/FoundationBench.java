package dev.baton.bench;

import dev.baton.agent.CommandAgent;
import dev.baton.core.TaskSpec;
import dev.baton.testing.GitRepos;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Baton's foundation benchmarks, each against a baseline measured in the same run: dispatch latency
 * and no-op throughput against bare {@link ProcessBuilder} spawns, store throughput against raw
 * JDBC, and the engine's memory and CPU with many long-running runs. Prints a Markdown report.
 *
 * <p>Arguments: {@code [--quick]} for a smoke run with small counts. Run it with {@code bench/run}.
 */
public final class FoundationBench {
    /** How many of each to measure. */
    record Sizes(
            int latencyWarmUp,
            int latencySamples,
            int spawnLoop,
            int noopTasks,
            int worktreeTasks,
            int storeTasks,
            int longRuns,
            int windowSeconds,
            int settleSeconds) {
        static final Sizes FULL = new Sizes(30, 300, 2000, 1000, 100, 5000, 1000, 30, 5);
        static final Sizes QUICK = new Sizes(3, 10, 50, 30, 5, 200, 20, 2, 1);
    }

    /** Rounds of the store benchmark, an odd number (the median of each side is reported). */
    private static final int STORE_ROUNDS = 5;

    /** Rounds of the no-op throughput benchmark, an odd number. */
    private static final int THROUGHPUT_ROUNDS = 3;

    /** Rounds run first, not measured, on an engine of their own. */
    private static final int THROUGHPUT_WARM_UP_ROUNDS = 3;

    private FoundationBench() {}

    public static void main(String[] args) throws Exception {
        Locale.setDefault(Locale.ROOT);
        List<String> arguments = List.of(args);
        boolean quick = arguments.contains("--quick");
        int only = arguments.indexOf("--only");
        String part = only >= 0 && only + 1 < arguments.size() ? arguments.get(only + 1) : "all";
        if (!List.of("all", "latency", "throughput", "store", "runs").contains(part)) {
            System.err.println("usage: bench/run [--quick] [--only latency|throughput|store|runs]");
            System.exit(2);
        }
        Report report = run(quick ? Sizes.QUICK : Sizes.FULL, part);
        System.out.println();
        System.out.println(report.markdown());
        System.exit(0);
    }

    static Report run(Sizes sizes, String part) throws Exception {
        Path dir = Files.createTempDirectory("baton-bench");
        Report report = new Report();
        try {
            report.note("load average (1 min) at start: %.2f", Machine.load());

            if (part.equals("all") || part.equals("latency")) latency(sizes, dir, report);
            if (part.equals("all") || part.equals("throughput")) throughput(sizes, dir, report);
            if (part.equals("all") || part.equals("store")) store(sizes, dir, report);
            if (part.equals("all") || part.equals("runs")) longRuns(sizes, dir, report);
            report.note("load average (1 min) at end: %.2f", Machine.load());
            return report;
        } finally {
            Machine.deleteTree(dir);
        }
    }

    private static void latency(Sizes sizes, Path dir, Report report) throws Exception {
        Path stamps = Files.createDirectories(dir.resolve("stamps"));
        // The two take turns task by task, so a slow spell of the machine falls on both alike.
        int count = sizes.latencySamples();
        long[] bare = new long[count];
        long[] baton = new long[count];
        try (EngineBench engine = new EngineBench(dir.resolve("home-latency"), 8, List.of("bash", "-c", "{prompt}"))) {
            for (int i = 0; i < sizes.latencyWarmUp() + count; i++) {
                long bareSample = BareSpawn.startLatencyMicros(stamps.resolve("bare-" + i));
                long batonSample = engine.dispatchLatencyMicros(stamps.resolve("baton-" + i));
                if (i < sizes.latencyWarmUp()) continue;
                bare[i - sizes.latencyWarmUp()] = bareSample;
                baton[i - sizes.latencyWarmUp()] = batonSample;
            }
        }
        report.latency(new Samples(bare), new Samples(baton));
        Map<String, Samples> steps = LaunchSteps.measure(
                Files.createDirectories(dir.resolve("launch-steps")), sizes.latencyWarmUp(), sizes.latencySamples());
        double barePart = steps.values().iterator().next().percentileMillis(50);
        steps.forEach((step, samples) -> report.note(
                "launch step %s: p50 %.2f ms (+%.2f ms over bare), p90 %.2f ms",
                step,
                samples.percentileMillis(50),
                samples.percentileMillis(50) - barePart,
                samples.percentileMillis(90)));
        progress(report);
    }

    private static void throughput(Sizes sizes, Path dir, Report report) throws Exception {
        try (EngineBench engine = new EngineBench(dir.resolve("home-noop"), 8, CommandAgent.DEFAULT_TEMPLATE)) {
            // warm-up: the rounds rose by half from the first to the third after one round of
            // warm-up and were flat after four; three rounds, so that they measure compiled code
            for (int round = 0; round < THROUGHPUT_WARM_UP_ROUNDS; round++) {
                engine.throughput(
                        sizes.noopTasks(),
                        TaskSpec.builder("true").type(TaskSpec.SHELL_TYPE).build());
            }
        }
        // each round: the spawn loop, then the engine on a fresh home
        AlternatingRounds rounds =
                AlternatingRounds.run(THROUGHPUT_ROUNDS, round -> BareSpawn.trueLoopRate(sizes.spawnLoop()), round -> {
                    try (EngineBench engine =
                            new EngineBench(dir.resolve("home-noop-" + round), 8, CommandAgent.DEFAULT_TEMPLATE)) {
                        return engine.throughput(
                                sizes.noopTasks(),
                                TaskSpec.builder("true")
                                        .type(TaskSpec.SHELL_TYPE)
                                        .build());
                    }
                });
        double spawnRate = rounds.baselineMedian();
        double scratchRate = rounds.batonMedian();
        report.note("no-op rounds (spawn loop / Baton, per second): %s", rounds.pairs("%.1f"));
        Path repo = GitRepos.create(dir.resolve("repo"));
        double worktreeRate;
        try (EngineBench engine = new EngineBench(dir.resolve("home-wt"), 8, CommandAgent.DEFAULT_TEMPLATE)) {
            worktreeRate = engine.throughput(
                    sizes.worktreeTasks(),
                    TaskSpec.builder("true")
                            .type(TaskSpec.SHELL_TYPE)
                            .repo(repo.toString())
                            .build());
        }
        report.throughput(
                spawnRate, sizes.spawnLoop(), scratchRate, sizes.noopTasks(), worktreeRate, sizes.worktreeTasks());
        progress(report);
    }

    private static void store(Sizes sizes, Path dir, Report report) throws Exception {
        StoreBench.rawRate(dir.resolve("warm-raw.db"), Math.max(10, sizes.storeTasks() / 10)); // warm-up
        StoreBench.storeRate(dir.resolve("warm-store.db"), Math.max(10, sizes.storeTasks() / 10));
        // each round: raw JDBC, then the store, each on a fresh file
        AlternatingRounds rounds = AlternatingRounds.run(
                STORE_ROUNDS,
                round -> StoreBench.rawRate(dir.resolve("raw-" + round + ".db"), sizes.storeTasks()),
                round -> StoreBench.storeRate(dir.resolve("store-" + round + ".db"), sizes.storeTasks()));
        report.store(rounds.baselineMedian(), rounds.batonMedian(), sizes.storeTasks());
        report.note("store rounds (raw JDBC / Baton, pairs per second): %s", rounds.pairs("%.0f"));
        progress(report);
    }

    private static void longRuns(Sizes sizes, Path dir, Report report) throws Exception {
        IdleRunsBench.Result idle = IdleRunsBench.measure(
                dir.resolve("home-idle"), sizes.longRuns(), sizes.windowSeconds(), sizes.settleSeconds());
        report.longRuns(idle, sizes.longRuns());
    }

    private static void progress(Report report) {
        System.out.println(report.rows.getLast());
        System.out.flush();
    }

    /** The results, as rows of one Markdown table plus notes. */
    static final class Report {
        final List<String> rows = new ArrayList<>();
        final List<String> notes = new ArrayList<>();
        final List<Double> ratios = new ArrayList<>();

        void note(String format, Object... args) {
            notes.add(String.format(format, args));
            System.out.println(notes.getLast());
        }

        void latency(Samples bare, Samples baton) {
            double p50 = baton.percentileMillis(50) - bare.percentileMillis(50);
            row(
                    "dispatch latency, add → agent's first command (" + baton.count() + " tasks, one at a time)",
                    String.format("p50 %.2f ms, p99 %.2f ms", bare.percentileMillis(50), bare.percentileMillis(99)),
                    String.format("p50 %.2f ms, p99 %.2f ms", baton.percentileMillis(50), baton.percentileMillis(99)),
                    String.format(
                            "p50 +%.2f ms (×%.2f), p99 ×%.2f",
                            p50,
                            baton.percentileMillis(50) / bare.percentileMillis(50),
                            baton.percentileMillis(99) / bare.percentileMillis(99)),
                    "p50 within 5 ms of bare",
                    p50 <= 5.0);
            ratios.add(p50);
        }

        void throughput(
                double spawn, int spawned, double scratch, int scratchTasks, double worktree, int worktreeTasks) {
            row(
                    "no-op tasks (`true`) per second, no worktree (" + scratchTasks + " tasks, median of "
                            + THROUGHPUT_ROUNDS + " rounds)",
                    String.format("%.0f/s (%d spawns a round)", spawn, spawned),
                    String.format("%.1f/s", scratch),
                    String.format("%.0f %%", 100 * scratch / spawn),
                    "≥ 50 %",
                    scratch >= spawn / 2);
            row(
                    "no-op tasks (`true`) per second, each in its own git worktree (" + worktreeTasks + " tasks)",
                    String.format("%.0f/s", spawn),
                    String.format("%.1f/s", worktree),
                    String.format("%.0f %%", 100 * worktree / spawn),
                    "none",
                    null);
        }

        void store(double raw, double store, int tasks) {
            row(
                    "store: claim + complete per second (" + tasks + " tasks, median of " + STORE_ROUNDS + " rounds)",
                    String.format("%.0f/s", raw),
                    String.format("%.0f/s", store),
                    String.format("%.0f %%", 100 * store / raw),
                    "≥ 50 %",
                    store >= raw / 2);
        }

        void longRuns(IdleRunsBench.Result r, int count) {
            row(
                    "engine RSS with " + count + " live runs (max over the window)",
                    String.format("%.0f MB idle", r.idle().rssKbMax() / 1024.0),
                    String.format("%.0f MB", r.loaded().rssKbMax() / 1024.0),
                    String.format(
                            "×%.2f", (double) r.loaded().rssKbMax() / r.idle().rssKbMax()),
                    "< 300 MB",
                    r.loaded().rssKbMax() < 300 * 1024);
            row(
                    "engine CPU with " + count + " live runs ("
                            + Math.round(r.loaded().seconds()) + " s window)",
                    String.format("%.2f %% of a core idle", r.idle().cpuPercent()),
                    String.format("%.2f %% of a core", r.loaded().cpuPercent()),
                    String.format(
                            "+%.2f points", r.loaded().cpuPercent() - r.idle().cpuPercent()),
                    "< 5 % of a core",
                    r.loaded().cpuPercent() < 5);
            note(
                    "%d runs were all running %.1f s after the first add; engine threads: %d idle, %d with the runs",
                    count, r.secondsToStart(), r.idle().threads(), r.loaded().threads());
        }

        private void row(String what, String baseline, String baton, String ratio, String target, Boolean met) {
            String verdict = met == null ? "—" : met ? "met" : "**missed**";
            rows.add("| " + what + " | " + baseline + " | " + baton + " | " + ratio + " | " + target + " | " + verdict
                    + " |");
        }

        String markdown() {
            StringBuilder md = new StringBuilder();
            md.append("| benchmark | baseline | Baton | Baton vs baseline | target | |\n");
            md.append("|---|---|---|---|---|---|\n");
            rows.forEach(r -> md.append(r).append('\n'));
            md.append('\n');
            notes.forEach(n -> md.append("- ").append(n).append('\n'));
            return md.toString();
        }
    }
}
