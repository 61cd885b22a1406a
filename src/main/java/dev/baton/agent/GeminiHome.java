package dev.baton.agent;

import dev.baton.core.LaunchException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;

/**
 * Where the Gemini CLI keeps its settings, logins and sessions ({@code <home>/.gemini}), and the
 * scratch home Baton prepares when a profile asks for one.
 *
 * <p>By default the CLI runs with the user's own home, so it uses the user's settings and login and
 * Baton writes nothing there. With {@code BATON_SCRATCH_HOME=1} in the profile's env, Baton gives the
 * CLI a home of its own through {@code GEMINI_CLI_HOME} (the CLI's variable for exactly this; the
 * agent's shell commands keep the real {@code HOME}, so git still knows the user) and writes its
 * settings: API-key auth, no usage statistics, no auto-update, and a bounded number of attempts per
 * model request, because Baton backs off and fails over itself. The scratch home is one per profile,
 * not per run, because the CLI keeps its sessions there and a follow-up run must find the session it
 * resumes. {@code BATON_SCRATCH_HOME=/some/dir} puts it in that folder. Stateless.
 */
final class GeminiHome {
    static final String SCRATCH_HOME = "BATON_SCRATCH_HOME";
    static final String MAX_ATTEMPTS = "BATON_GEMINI_MAX_ATTEMPTS";
    static final String CLI_HOME = "GEMINI_CLI_HOME";
    private static final int DEFAULT_MAX_ATTEMPTS = 3;

    private GeminiHome() {}

    /** The scratch home the env asks for, or null to use the user's home. */
    static Path scratchHome(Map<String, String> env, Path runDir, String profileName) {
        String value = env.get(SCRATCH_HOME);
        if (value == null || value.isBlank() || value.equals("0") || value.equalsIgnoreCase("false")) return null;
        if (value.equals("1") || value.equalsIgnoreCase("true")) {
            // runDir is <baton home>/runs/<run>: the scratch homes sit beside the runs folder.
            Path runs = runDir.toAbsolutePath().getParent();
            return runs.resolveSibling("agent-homes").resolve("gemini-" + profileName);
        }
        return Path.of(value).toAbsolutePath();
    }

    /** The home whose {@code .gemini} folder the CLI will read, given the environment it runs with. */
    static Path effectiveHome(Map<String, String> env) {
        String cliHome = env.get(CLI_HOME);
        if (cliHome != null && !cliHome.isBlank()) return Path.of(cliHome);
        String home = env.get("HOME");
        return Path.of(home != null && !home.isBlank() ? home : System.getProperty("user.home"));
    }

    /** Writes the scratch home's settings (every run, so a changed env takes effect). */
    static void prepare(Path home, Map<String, String> env) {
        String auth = "true".equalsIgnoreCase(env.get("GOOGLE_GENAI_USE_VERTEXAI")) ? "vertex-ai" : "gemini-api-key";
        int maxAttempts = maxAttempts(env.get(MAX_ATTEMPTS));
        String settings = """
                {
                  "security": {"auth": {"selectedType": "%s"}},
                  "privacy": {"usageStatisticsEnabled": false},
                  "telemetry": {"enabled": false},
                  "general": {
                    "enableAutoUpdate": false,
                    "enableAutoUpdateNotification": false,
                    "disableAutoUpdate": true,
                    "maxAttempts": %d
                  }
                }
                """.formatted(auth, maxAttempts);
        Path dir = home.resolve(".gemini");
        try {
            Files.createDirectories(dir);
            Path temp = Files.createTempFile(dir, "settings", ".tmp");
            Files.writeString(temp, settings, StandardCharsets.UTF_8);
            try {
                Files.move(
                        temp,
                        dir.resolve("settings.json"),
                        StandardCopyOption.ATOMIC_MOVE,
                        StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, dir.resolve("settings.json"), StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new LaunchException("cannot write the Gemini CLI settings in " + dir + ": " + e.getMessage(), e);
        }
    }

    /** The CLI accepts 1 to 10 attempts. */
    private static int maxAttempts(String value) {
        if (value == null || value.isBlank()) return DEFAULT_MAX_ATTEMPTS;
        try {
            return Math.clamp(Integer.parseInt(value.strip()), 1, 10);
        } catch (NumberFormatException e) {
            return DEFAULT_MAX_ATTEMPTS;
        }
    }

    /**
     * Null when the CLI will find credentials, else what is missing and how to provide it: an API
     * key or service-account file in its environment, a login from an interactive {@code gemini}
     * ({@code ~/.gemini/oauth_creds.json}), or a key in {@code ~/.gemini/.env}.
     */
    static String missingCredentials(Map<String, String> env) {
        for (String name : new String[] {"GEMINI_API_KEY", "GOOGLE_API_KEY", "GOOGLE_APPLICATION_CREDENTIALS"}) {
            String value = env.get(name);
            if (value != null && !value.isBlank()) return null;
        }
        Path dir = effectiveHome(env).resolve(".gemini");
        if (Files.isRegularFile(dir.resolve("oauth_creds.json"))) return null;
        if (envFileHasKey(dir.resolve(".env"))) return null;
        return "no Gemini credentials: set GEMINI_API_KEY (or GOOGLE_API_KEY, or GOOGLE_APPLICATION_CREDENTIALS)"
                + " in Baton's environment or the agent profile's env, or log in once by running `gemini`"
                + " interactively (it stores the login in " + dir.resolve("oauth_creds.json") + ")";
    }

    private static boolean envFileHasKey(Path file) {
        try {
            return Files.isRegularFile(file)
                    && Files.readAllLines(file, StandardCharsets.UTF_8).stream()
                            .map(String::strip)
                            .anyMatch(l -> l.matches("(export\\s+)?(GEMINI_API_KEY|GOOGLE_API_KEY)\\s*=\\s*\\S.*"));
        } catch (IOException e) {
            return false;
        }
    }
}
