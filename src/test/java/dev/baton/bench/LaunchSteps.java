package dev.baton.bench;

import dev.baton.session.LaunchSpec;
import dev.baton.session.LocalProcessLauncher;
import dev.baton.session.ProcessRef;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;

/**
 * What a detached launch costs, step by step: the time from the launch call to the agent's first
 * command (bash writing its {@code $EPOCHREALTIME}) for a bare spawn, then with each thing a
 * detached launch spawned from the JVM needs so that a run survives Baton — its own folder, output
 * files there instead of pipes, the wrapper shell that records the pid and the exit code, {@code
 * setsid} for a process group of its own (Baton's launch before the launch shells) — and finally
 * through {@link LocalProcessLauncher#launchDetached}, which hands the run to a waiting launch shell
 * instead. The steps take turns task by task, so a slow spell of the machine falls on all of them
 * alike.
 */
final class LaunchSteps {
    /** The wrapper Baton spawned per run before the launch shells. */
    private static final String WRAPPER = """
            echo $$ > "$BATON_RUN_DIR/pid"
            "$@"
            code=$?
            printf '%s\\n' "$code" > "$BATON_RUN_DIR/exit_code"
            """;

    private enum Step {
        BARE("bare `bash -c`"),
        RUN_DIR("+ a new run folder"),
        FILES("+ stdout/stderr to files in it"),
        WRAPPER("+ wrapper `sh -c` (pid, exit code)"),
        SETSID("+ `setsid` (the launch spawned from the JVM, as before the launch shells)"),
        LAUNCHER("`LocalProcessLauncher.launchDetached` (a launch shell)");

        final String label;

        Step(String label) {
            this.label = label;
        }
    }

    private LaunchSteps() {}

    /** p50 and p90 of each step, in milliseconds, in the order of the steps. */
    static Map<String, Samples> measure(Path dir, int warmUp, int count)
            throws IOException, InterruptedException, ExecutionException {
        LocalProcessLauncher launcher = new LocalProcessLauncher();
        Map<Step, long[]> micros = new LinkedHashMap<>();
        for (Step step : Step.values()) micros.put(step, new long[count]);
        for (int i = 0; i < warmUp + count; i++) {
            for (Step step : Step.values()) {
                Path runDir = dir.resolve(step.name().toLowerCase() + "-" + i);
                Path stamp = dir.resolve("stamp-" + step.name().toLowerCase() + "-" + i);
                long before = Machine.nowMicros();
                launch(step, launcher, runDir, stamp, dir);
                long started = Machine.parseEpochRealtime(Files.readString(stamp));
                if (i >= warmUp) micros.get(step)[i - warmUp] = started - before;
            }
        }
        Map<String, Samples> out = new LinkedHashMap<>();
        micros.forEach((step, values) -> out.put(step.label, new Samples(values)));
        return out;
    }

    /** Starts the step's process, waits for it to end and for its stamp. */
    private static void launch(Step step, LocalProcessLauncher launcher, Path runDir, Path stamp, Path dir)
            throws IOException, InterruptedException, ExecutionException {
        List<String> agent = List.of("bash", "-c", BareSpawn.stampCommand(stamp));
        if (step == Step.LAUNCHER) {
            ProcessRef ref = launcher.launchDetached(new LaunchSpec(agent, dir, Map.of(), runDir));
            launcher.onExit(ref).get();
            return;
        }
        if (step.compareTo(Step.RUN_DIR) >= 0) Files.createDirectories(runDir);
        List<String> command = new ArrayList<>();
        if (step == Step.SETSID) command.add("setsid");
        if (step.compareTo(Step.WRAPPER) >= 0) command.addAll(List.of("/bin/sh", "-c", WRAPPER, "baton-run"));
        command.addAll(agent);
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
        builder.environment().put("BATON_RUN_DIR", (step.compareTo(Step.RUN_DIR) >= 0 ? runDir : dir).toString());
        if (step.compareTo(Step.FILES) >= 0) {
            builder.redirectInput(
                            ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(
                            runDir.resolve("stdout.log").toFile()))
                    .redirectError(ProcessBuilder.Redirect.appendTo(
                            runDir.resolve("stderr.log").toFile()));
        }
        int code = builder.start().waitFor();
        if (code != 0) throw new IllegalStateException(step.label + " exited with " + code);
    }
}
