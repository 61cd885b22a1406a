package dev.baton.cli;

import dev.baton.Baton;
import dev.baton.core.Run;
import dev.baton.core.TaskId;
import dev.baton.secret.RedactedLog;
import dev.baton.session.RunFiles;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "logs", description = "Print a task's output (its latest run); -f follows it while it runs.")
final class LogsCommand implements Callable<Integer> {
    @Mixin
    HomeOption home;

    @Parameters(paramLabel = "ID")
    String id;

    @Option(
            names = {"-f", "--follow"},
            description = "Keep printing new output until the task finishes")
    boolean follow;

    @Option(names = "--attempt", paramLabel = "N", description = "Show the run of this attempt instead of the latest")
    Integer attempt;

    @Option(names = "--stderr", description = "Print the error stream instead of standard output")
    boolean stderr;

    @Override
    public Integer call() throws Exception {
        try (Baton baton = home.open()) {
            TaskId taskId = TaskId.of(id);
            baton.tasks().get(taskId);
            Run run = pickRun(baton, taskId);
            if (run == null) {
                System.err.println("baton: task " + id + " has no run yet" + (follow ? "; waiting for one" : ""));
                if (!follow) return Main.OK;
                while ((run = pickRun(baton, taskId)) == null) Thread.sleep(200);
            }
            Path file = stderr
                    ? new RunFiles(Path.of(run.runDir())).stderr()
                    : new RunFiles(Path.of(run.runDir())).stdout();
            // secrets in the agent's output (API keys, tokens) are masked, as in the API and across reads
            RedactedLog log = new RedactedLog(baton.redactor());
            PrintStream out = System.out;
            long offset = copyFrom(log, file, 0, false, out);
            while (true) {
                boolean ended =
                        baton.tasks().run(run.id()).orElseThrow().status().isTerminal();
                if (ended || !follow) {
                    copyFrom(log, file, offset, ended, out); // an ended run's last line too
                    break;
                }
                offset = copyFrom(log, file, offset, false, out);
                Thread.sleep(200);
            }
            out.flush();
        }
        return Main.OK;
    }

    private Run pickRun(Baton baton, TaskId taskId) {
        List<Run> runs = baton.tasks().runs(taskId);
        if (runs.isEmpty()) return null;
        if (attempt == null) return runs.getLast();
        return runs.stream()
                .filter(r -> r.attempt() == attempt)
                .findFirst()
                .orElseThrow(() -> new dev.baton.core.NotFoundException(
                        "task " + taskId + " has no attempt " + attempt + "; it has " + runs.size()));
    }

    /** Copies the file from {@code offset} to its current end, in chunks; returns the new offset. */
    private static long copyFrom(RedactedLog log, Path file, long offset, boolean complete, PrintStream out)
            throws IOException {
        if (!Files.exists(file)) return offset;
        long position = offset;
        while (true) {
            RedactedLog.Chunk chunk = log.read(file, position, 64 * 1024, complete);
            out.print(chunk.text());
            if (chunk.nextOffset() == position || chunk.nextOffset() >= chunk.size()) {
                out.flush();
                return chunk.nextOffset();
            }
            position = chunk.nextOffset();
        }
    }
}
