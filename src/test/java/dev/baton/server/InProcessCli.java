package dev.baton.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.cli.Main;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The real CLI run in this JVM on a home, for comparing what it prints with what the API answers. */
final class InProcessCli {
    private InProcessCli() {}

    /** Runs {@code baton COMMAND --home=HOME ARGS...} and reads its standard output as JSON. */
    static synchronized JsonNode json(Path home, String command, String... args) {
        List<String> all = new ArrayList<>(List.of(command, "--home=" + home));
        all.addAll(List.of(args));
        PrintStream originalOut = System.out;
        PrintStream originalErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code;
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            code = Main.run(all.toArray(String[]::new));
        } finally {
            System.setOut(originalOut);
            System.setErr(originalErr);
        }
        String printed = out.toString(StandardCharsets.UTF_8);
        if (code != 0) throw new AssertionError("baton " + all + " exited " + code + ": " + printed + err);
        try {
            return JsonSupport.MAPPER.readTree(printed);
        } catch (IOException e) {
            throw new AssertionError("baton " + all + " printed no JSON: " + printed, e);
        }
    }
}
