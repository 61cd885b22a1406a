package dev.baton.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Runs the real CLI in this JVM with a given home, capturing what it prints. */
final class CliRunner {
    private final Path home;

    CliRunner(Path home) {
        this.home = home;
    }

    record Result(int exitCode, String out, String err) {}

    synchronized Result run(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        if (all.isEmpty() || !all.getFirst().equals("demo")) {
            all.add(1 <= all.size() ? 1 : 0, "--home=" + home);
        }
        PrintStream originalOut = System.out;
        PrintStream originalErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int code = Main.run(all.toArray(String[]::new));
            return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(originalOut);
            System.setErr(originalErr);
        }
    }
}
