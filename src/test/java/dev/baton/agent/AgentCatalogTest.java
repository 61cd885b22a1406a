package dev.baton.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.core.FailureReason;
import dev.baton.session.LocalProcessLauncher;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgentCatalogTest {
    @TempDir
    Path dir;

    /** An adapter of kind "codex" that wants OPENAI_API_KEY, standing in for the real one's checks. */
    private static final AgentAdapter NEEDS_KEY = new AgentAdapter() {
        @Override
        public String kind() {
            return "codex";
        }

        @Override
        public dev.baton.session.LaunchSpec launchSpec(
                dev.baton.core.AgentProfile profile,
                dev.baton.core.Task task,
                Path workdir,
                Path runDir,
                String resume) {
            throw new UnsupportedOperationException("not launched in these tests");
        }

        @Override
        public RunOutcome outcome(int exitCode, dev.baton.session.RunFiles files, Transcript transcript) {
            throw new UnsupportedOperationException("not launched in these tests");
        }

        /** Like the real Codex adapter: its key is among what the agent is given. */
        @Override
        public List<String> passedEnvironment(dev.baton.core.AgentProfile profile, Map<String, String> environment) {
            return List.of("OPENAI_*");
        }

        @Override
        public Optional<String> preflight(dev.baton.core.AgentProfile profile, Map<String, String> env) {
            return env.containsKey("OPENAI_API_KEY") ? Optional.empty() : Optional.of("set OPENAI_API_KEY");
        }
    };

    private Path fakeBinary(String name, String script) throws Exception {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path file = bin.resolve(name);
        Files.writeString(file, "#!/bin/sh\n" + script + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        return bin;
    }

    @Test
    void installedCLIsAreFoundOnPathUnderTheirProfileNames() throws Exception {
        Path bin = fakeBinary("codex", "echo 'codex-cli 9.9.9'");
        var catalog = new AgentCatalog(
                List.of(new CommandAgent(), NEEDS_KEY),
                new LocalProcessLauncher(),
                Map.of("PATH", bin.toString(), "OPENAI_API_KEY", "x"));
        List<AgentRegistration> found = catalog.load(List.of(), 4);

        assertThat(found).extracting(AgentRegistration::name).containsExactly("command", "codex");
        AgentRegistration codex = found.get(1);
        assertThat(codex.profile().capabilities()).containsExactlyInAnyOrder("code_execution", "file_access");
        assertThat(codex.source()).isEqualTo("found on PATH at " + bin.resolve("codex"));
        AgentHealth health = catalog.health(codex);
        assertThat(health.usable()).isTrue();
        assertThat(health.version()).isEqualTo("codex-cli 9.9.9");
        assertThat(catalog.registry(found).find("codex")).isPresent();
    }

    @Test
    void missingCredentialsAndBrokenBinariesAreOfflineWithAFix() throws Exception {
        Path bin = fakeBinary("codex", "echo 'codex-cli 9.9.9'");
        var noKey = new AgentCatalog(List.of(NEEDS_KEY), new LocalProcessLauncher(), Map.of("PATH", bin.toString()));
        AgentHealth health = noKey.health(noKey.load(List.of(), 1).get(1));
        assertThat(health.usable()).isFalse();
        assertThat(health.failure()).isEqualTo(FailureReason.AUTH_MISSING);
        assertThat(health.fix()).isEqualTo("set OPENAI_API_KEY");

        Path broken = fakeBinary("codex", "echo 'cannot find module' >&2; exit 1");
        var catalog =
                new AgentCatalog(List.of(NEEDS_KEY), new LocalProcessLauncher(), Map.of("PATH", broken.toString()));
        AgentHealth brokenHealth = catalog.health(catalog.load(List.of(), 1).get(1));
        assertThat(brokenHealth.failure()).isEqualTo(FailureReason.BINARY_MISSING);
        assertThat(brokenHealth.reason()).contains("--version' failed: cannot find module");
        assertThat(brokenHealth.fix()).contains("npm install -g @openai/codex");
    }

    @Test
    void registrationFilesAddAgentsAndOverrideFoundOnesOfTheSameName() throws Exception {
        Path bin = fakeBinary("codex", "echo 1");
        Path folder = Files.createDirectories(dir.resolve("agents"));
        Files.writeString(folder.resolve("codex.md"), "---\nname: codex\nstatus: offline\nconcurrency: 5\n---\n");
        Files.writeString(
                folder.resolve("missing.md"), "---\nname: ghost\nkind: codex\ncommand: /nowhere/codex\n---\n");
        Files.writeString(folder.resolve("notes.txt"), "not an agent");
        var catalog = new AgentCatalog(List.of(NEEDS_KEY), new LocalProcessLauncher(), Map.of("PATH", bin.toString()));

        List<AgentRegistration> found = catalog.load(List.of(folder), 1);

        assertThat(found).extracting(AgentRegistration::name).containsExactly("command", "codex", "ghost");
        assertThat(found.get(1).profile().concurrency()).isEqualTo(5);
        assertThat(catalog.health(found.get(1)).reason()).startsWith("declared offline in");
        AgentHealth ghost = catalog.health(found.get(2));
        assertThat(ghost.failure()).isEqualTo(FailureReason.BINARY_MISSING);
        assertThat(ghost.reason()).isEqualTo("'/nowhere/codex' is not installed (not found on PATH)");
    }
}
