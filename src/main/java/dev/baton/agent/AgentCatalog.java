package dev.baton.agent;

import dev.baton.core.AgentLimits;
import dev.baton.core.AgentProfile;
import dev.baton.core.AgentUnavailableException;
import dev.baton.core.FailureReason;
import dev.baton.session.ExecResult;
import dev.baton.session.ProcessLauncher;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Finds the agents a user has: the built-in command agent, coding CLIs installed on PATH (named
 * {@code claude-code}, {@code codex}, {@code gemini}, {@code opencode}), and registration files in
 * the user's and the project's agent folders, later ones overriding earlier ones of the same name.
 * Loading is cheap (files and PATH only); {@link #health} runs each binary's {@code --version} and
 * checks credentials. Thread-safe.
 */
public final class AgentCatalog {
    private static final Duration VERSION_TIMEOUT = Duration.ofSeconds(20);

    private final List<AgentAdapter> adapters;
    private final ProcessLauncher launcher;
    private final Map<String, String> env;

    public AgentCatalog(List<AgentAdapter> adapters, ProcessLauncher launcher, Map<String, String> env) {
        this.adapters = List.copyOf(adapters);
        this.launcher = launcher;
        this.env = Map.copyOf(env);
    }

    /** The registration folders, in the order they are read: user's, then the project's. */
    public static List<Path> folders(Path batonHome, Path projectRoot) {
        List<Path> folders = new ArrayList<>(List.of(batonHome.resolve("agents")));
        if (projectRoot != null) {
            folders.add(projectRoot.resolve(".baton/agents"));
            folders.add(projectRoot.resolve("tools/interfaces")); // the layout the seed protocol uses
        }
        return folders;
    }

    /** Every agent found, by name. A malformed registration file fails with its file, line and field. */
    public List<AgentRegistration> load(List<Path> folders, int commandConcurrency) {
        Map<String, AgentRegistration> found = new LinkedHashMap<>();
        AgentProfile command = CommandAgent.defaultProfile(commandConcurrency);
        found.put(
                command.name(),
                new AgentRegistration(
                        command,
                        "tool",
                        "available",
                        AgentLimits.NONE,
                        "none",
                        null,
                        "running shell commands, builds and tests",
                        "no reasoning: runs the task text as a command",
                        "built in"));
        KnownAgents.BINARIES.forEach((kind, binary) -> onPath(binary)
                .ifPresent(path -> found.put(
                        kind,
                        new AgentRegistration(
                                new AgentProfile(
                                        kind,
                                        kind,
                                        KnownAgents.CODING_CAPABILITIES,
                                        2,
                                        List.of(path.toString()),
                                        Map.of()),
                                "llm",
                                "available",
                                AgentLimits.NONE,
                                null,
                                null,
                                null,
                                null,
                                "found on PATH at " + path))));
        ProfileFileReader reader = new ProfileFileReader();
        for (Path folder : folders) {
            for (Path file : markdownFiles(folder)) {
                AgentRegistration registration = reader.read(file);
                found.put(registration.name(), registration);
            }
        }
        return List.copyOf(found.values());
    }

    /** A registry of the given registrations with every adapter this Baton has. */
    public AgentRegistry registry(List<AgentRegistration> registrations) {
        AgentRegistry.Builder builder = AgentRegistry.builder();
        adapters.forEach(builder::adapter);
        registrations.forEach(r -> builder.profile(r.profile()));
        return builder.build();
    }

    /** Whether the agent can work now: declared status, binary and version, credentials. */
    public AgentHealth health(AgentRegistration registration) {
        AgentProfile profile = registration.profile();
        if (registration.declaredStatus().equals("offline")) {
            return AgentHealth.offline(
                    FailureReason.NO_AGENT,
                    null,
                    "declared offline in " + registration.source(),
                    "set 'status: available' in that file when it is back");
        }
        String version = null;
        if (!profile.kind().equals(CommandAgent.KIND)) {
            String binary = profile.command().isEmpty()
                    ? KnownAgents.BINARIES.get(profile.kind())
                    : profile.command().getFirst();
            Optional<Path> path =
                    binary.contains("/") ? Optional.of(Path.of(binary)).filter(Files::isExecutable) : onPath(binary);
            if (path.isEmpty()) {
                return AgentHealth.offline(
                        FailureReason.BINARY_MISSING,
                        null,
                        "'" + binary + "' is not installed (not found on PATH)",
                        KnownAgents.INSTALL.getOrDefault(profile.kind(), "install it")
                                + ", then run 'baton doctor' again");
            }
            ExecResult result = launcher.exec(
                    List.of(path.get().toString(), "--version"), Path.of("/"), profile.env(), VERSION_TIMEOUT);
            if (!result.ok()) {
                return AgentHealth.offline(
                        FailureReason.BINARY_MISSING,
                        null,
                        "'" + binary + " --version' failed: "
                                + firstLine(result.stderr().isBlank() ? result.stdout() : result.stderr()),
                        "reinstall it: " + KnownAgents.INSTALL.getOrDefault(profile.kind(), "see its documentation"));
            }
            version = firstLine(result.stdout());
        }
        Optional<AgentAdapter> adapter =
                adapters.stream().filter(a -> a.kind().equals(profile.kind())).findFirst();
        if (adapter.isEmpty()) {
            return AgentHealth.offline(
                    FailureReason.NO_AGENT,
                    version,
                    "this Baton has no adapter for kind '" + profile.kind() + "'",
                    "use one of " + adapters.stream().map(AgentAdapter::kind).toList());
        }
        Map<String, String> agentEnv;
        try {
            // what a run will get, not all of Baton's: a key the agent would not be given is no credential
            agentEnv = new AgentEnvironment(env).forRun(profile, adapter.get());
        } catch (AgentUnavailableException unreadable) {
            return AgentHealth.offline(FailureReason.AUTH_MISSING, version, "no credentials", unreadable.getMessage());
        }
        Optional<String> missing = adapter.get().preflight(profile, agentEnv);
        if (missing.isPresent()) {
            return AgentHealth.offline(FailureReason.AUTH_MISSING, version, "no credentials", missing.get());
        }
        if (registration.declaredStatus().equals("limited")) {
            return new AgentHealth(
                    AgentHealth.Status.LIMITED,
                    null,
                    version,
                    "declared limited in " + registration.source(),
                    "set 'status: available' in that file when the limit lifts");
        }
        return AgentHealth.available(version);
    }

    private Optional<Path> onPath(String binary) {
        String path = env.getOrDefault("PATH", "");
        for (String dir : path.split(":")) {
            if (dir.isBlank()) continue;
            Path candidate = Path.of(dir, binary);
            if (Files.isExecutable(candidate) && !Files.isDirectory(candidate)) return Optional.of(candidate);
        }
        return Optional.empty();
    }

    private static List<Path> markdownFiles(Path folder) {
        if (!Files.isDirectory(folder)) return List.of();
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".md") && Files.isRegularFile(f))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String firstLine(String text) {
        String line = text.strip().lines().findFirst().orElse("").strip();
        return line.length() > 200 ? line.substring(0, 197) + "..." : line;
    }
}
