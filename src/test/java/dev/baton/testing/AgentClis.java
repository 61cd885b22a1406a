package dev.baton.testing;

import dev.baton.session.ExecResult;
import dev.baton.session.LocalProcessLauncher;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;

/**
 * The real agent CLIs, installed at pinned versions by {@code scripts/install-agent-clis} (a cache
 * between runs). A test that needs one and finds npm unreachable is skipped with the reason; any
 * other install failure fails it.
 */
public final class AgentClis {
    public static final String CLAUDE = "@anthropic-ai/claude-code";
    public static final String CODEX = "@openai/codex";
    public static final String GEMINI = "@google/gemini-cli";
    public static final String OPENCODE = "opencode-ai";

    private AgentClis() {}

    /** The path of the CLI's binary ({@code claude}, {@code codex}, ...), installing it first if needed. */
    public static synchronized Path binary(String npmPackage, String binary) {
        Path script = Path.of("scripts/install-agent-clis").toAbsolutePath();
        ExecResult result = new LocalProcessLauncher()
                .exec(
                        List.of(script.toString(), npmPackage),
                        Path.of("").toAbsolutePath(),
                        Map.of(),
                        Duration.ofMinutes(8));
        Assumptions.assumeFalse(
                result.exitCode() == 3,
                "skipped: cannot install " + npmPackage + " here: "
                        + result.stderr().strip());
        if (!result.ok()) {
            throw new AssertionError("installing " + npmPackage + " failed: " + result.stderr());
        }
        String line = result.stdout().strip().lines().reduce((a, b) -> b).orElseThrow();
        Path bin = Path.of(line.substring(line.indexOf(' ') + 1)).resolve(binary);
        if (!Files.isExecutable(bin)) throw new AssertionError(bin + " is not there after installing " + npmPackage);
        return bin;
    }
}
