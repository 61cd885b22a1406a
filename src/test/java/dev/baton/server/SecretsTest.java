package dev.baton.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.agent.AgentRegistry;
import dev.baton.agent.CommandAgent;
import dev.baton.core.AgentProfile;
import dev.baton.core.SafetyTier;
import dev.baton.core.TaskId;
import dev.baton.core.TaskSpec;
import dev.baton.secret.SecretFingerprints;
import dev.baton.session.RunFiles;
import dev.baton.testing.TestBaton;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Secrets seeded in Baton's environment and printed by agents reach no agent that was not given
 * them, and appear nowhere Baton stores or shows: the database file, {@code baton show --json}, the
 * REST API (joined chunked log reads too) and the event stream.
 */
class SecretsTest {
    static final String SERVICE_TOKEN = "supersecret-service-token-4711";
    static final String GITHUB_TOKEN = "ghp_" + "0123456789abcdefghijABCDEFGHIJklmn";
    static final String ANTHROPIC_KEY = "sk-ant-" + "api03-seededkeyseededkey0123456789";
    static final String JWT = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2lnbmF0dXJlc2lnbmF0dXJl";
    static final String DB_PASSWORD = "correct-horse-battery";
    static final String PEM_BODY = "MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7";

    /**
     * What the command agents print: every credential shape, the seeded value and a PEM block. In a
     * script, not the task's text: the text is stored redacted, and the agent gets it as stored.
     */
    static final String PRINT_SECRETS = String.join(
            "\n",
            "echo \"anthropic " + ANTHROPIC_KEY + "\"",
            "echo \"github " + GITHUB_TOKEN + "\"",
            "echo \"jwt " + JWT + "\"",
            "echo \"db postgres://app:" + DB_PASSWORD + "@db.internal:5432/app\"",
            "printf -- '-----BEGIN PRIVATE KEY-----\\n" + PEM_BODY + "\\n-----END PRIVATE KEY-----\\n'",
            "echo \"service ${MY_SERVICE_TOKEN:-not-given}\"",
            "");

    @TempDir
    Path dir;

    TestBaton baton;
    BatonServer server;
    final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeEach
    void start() {
        Map<String, String> environment = new HashMap<>(System.getenv());
        environment.put("MY_SERVICE_TOKEN", SERVICE_TOKEN);
        environment.put("GITHUB_TOKEN", GITHUB_TOKEN);
        environment.put("DATABASE_URL", "postgres://app:" + DB_PASSWORD + "@db.internal:5432/app");
        AgentRegistry team = AgentRegistry.builder()
                .adapter(new CommandAgent())
                .profile(CommandAgent.defaultProfile(2))
                .profile(new AgentProfile(
                                "service",
                                CommandAgent.KIND,
                                Set.of("service"),
                                2,
                                CommandAgent.DEFAULT_TEMPLATE,
                                Map.of(),
                                SafetyTier.DEFAULT)
                        .withEnvironmentAccess(List.of("MY_SERVICE_*"), null))
                .build();
        baton = new TestBaton(dir.resolve("home"), TestBaton.fastConfig(2), team, environment);
        baton.start();
        server = BatonServer.start(
                baton.baton,
                EngineControl.of(baton.engine),
                ServerConfig.defaults().withPort(0));
    }

    @AfterEach
    void stop() {
        if (server != null) server.close();
        if (baton != null) baton.close();
    }

    @Test
    void anAgentSeesOnlyTheSecretsItWasGiven() throws Exception {
        TaskId plain =
                baton.add(TaskSpec.builder("env").preferredAgent("command").build());
        TaskId service =
                baton.add(TaskSpec.builder("env").preferredAgent("service").build());
        baton.awaitIdle();

        String plainEnv = rawStdout(plain);
        assertThat(plainEnv).contains("PATH=").contains("BATON_TASK_ID=" + plain.value());
        assertThat(plainEnv).doesNotContain(SERVICE_TOKEN, GITHUB_TOKEN, DB_PASSWORD, "DATABASE_URL");

        String serviceEnv = rawStdout(service);
        assertThat(serviceEnv).contains("MY_SERVICE_TOKEN=" + SERVICE_TOKEN);
        assertThat(serviceEnv).doesNotContain(GITHUB_TOKEN);
    }

    @Test
    void secretsPrintedByAnAgentAreNowhereBatonStoresOrShows() throws Exception {
        String sseUrl = "http://127.0.0.1:" + server.port() + "/api/events?after=0";
        try (var sse = new EventClients.Sse(http, sseUrl, Map.of())) {
            Path script = Files.writeString(dir.resolve("print-secrets.sh"), PRINT_SECRETS);
            TaskId failing = baton.add(TaskSpec.builder("sh " + script + "; sh " + script + " >&2; exit 3")
                    .preferredAgent("service")
                    .build());
            TaskId titled = baton.add(TaskSpec.builder("sh " + script + " # deploy with " + GITHUB_TOKEN)
                    .preferredAgent("service")
                    .build());
            baton.awaitIdle();
            List<JsonNode> streamed =
                    sse.awaitUntil(e -> e.path("type").asText().startsWith("task.")
                            && titled.value().equals(e.path("task_id").asText())
                            && Set.of("task.completed", "task.failed")
                                    .contains(e.path("type").asText()));

            // The agent did print them: the raw output keeps them, readable by the user only.
            assertThat(rawStdout(failing)).contains(SERVICE_TOKEN, ANTHROPIC_KEY, PEM_BODY);

            List<String> shown = new ArrayList<>();
            for (TaskId id : List.of(failing, titled)) {
                JsonNode task = get("/api/tasks/" + id.value());
                shown.add(task.toString());
                for (JsonNode run : task.get("runs")) {
                    String runId = run.get("id").asText();
                    shown.add(get("/api/runs/" + runId).toString());
                    shown.add(get("/api/runs/" + runId + "/log").get("text").asText());
                    shown.add(joinedChunks(runId, "stdout", 10));
                    shown.add(joinedChunks(runId, "stderr", 7));
                }
                shown.add(InProcessCli.json(baton.baton.home().root(), "show", id.value(), "--json")
                        .toString());
            }
            streamed.forEach(e -> shown.add(e.toString()));
            shown.add(databaseBytes());

            assertThat(String.join("\n", shown))
                    .contains("[redacted]")
                    .doesNotContain(SERVICE_TOKEN, GITHUB_TOKEN, ANTHROPIC_KEY, JWT, DB_PASSWORD, PEM_BODY);
            assertThat(joinedChunks(runOf(failing), "stdout", 10))
                    .as("chunks joined read as the whole log, redacted")
                    .isEqualTo(get("/api/runs/" + runOf(failing) + "/log")
                            .get("text")
                            .asText());
        }
    }

    @Test
    void batonLogsInAShellWithoutTheSecretsStillMasksThem() throws Exception {
        assertThat(System.getenv("MY_SERVICE_TOKEN"))
                .as("this JVM's own environment lacks the seeded one")
                .isNull();
        Path script = Files.writeString(dir.resolve("print-secrets.sh"), PRINT_SECRETS);
        TaskId id = baton.add(
                TaskSpec.builder("sh " + script).preferredAgent("service").build());
        baton.awaitIdle();
        assertThat(rawStdout(id)).contains(SERVICE_TOKEN);

        String printed = cliOutput("logs", id.value());
        assertThat(printed).contains("service [redacted]").doesNotContain(SERVICE_TOKEN, PEM_BODY, ANTHROPIC_KEY);
        assertThat(Files.readString(baton.baton.home().root().resolve(SecretFingerprints.FILE)))
                .as("fingerprints, not values")
                .doesNotContain(SERVICE_TOKEN);
    }

    /** {@code baton COMMAND --home=HOME ARGS} run in this JVM (whose environment has none of the seeded secrets). */
    private String cliOutput(String command, String... args) {
        List<String> all =
                new ArrayList<>(List.of(command, "--home=" + baton.baton.home().root()));
        all.addAll(List.of(args));
        java.io.PrintStream original = System.out;
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        synchronized (InProcessCli.class) {
            try {
                System.setOut(new java.io.PrintStream(out, true, StandardCharsets.UTF_8));
                assertThat(dev.baton.cli.Main.run(all.toArray(String[]::new))).isZero();
            } finally {
                System.setOut(original);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void theHomeAndWhatIsInItAreReadableByTheUserOnly() throws Exception {
        TaskId id = baton.add("echo hello");
        baton.awaitIdle();
        Path home = baton.baton.home().root();
        RunFiles files = new RunFiles(Path.of(baton.runs(id).getFirst().runDir()));
        assertThat(permissions(home)).isEqualTo("rwx------");
        assertThat(permissions(baton.baton.home().runs())).isEqualTo("rwx------");
        assertThat(permissions(files.stdout().getParent())).isEqualTo("rwx------");
        assertThat(permissions(files.stdout())).isEqualTo("rw-------");
        assertThat(permissions(files.stderr())).isEqualTo("rw-------");
        assertThat(permissions(baton.baton.home().database())).isEqualTo("rw-------");
    }

    private String runOf(TaskId id) {
        return baton.runs(id).getFirst().id().value();
    }

    private String rawStdout(TaskId id) throws IOException {
        return Files.readString(new RunFiles(Path.of(baton.runs(id).getFirst().runDir())).stdout());
    }

    /** The log read {@code limit} bytes at a time from offset 0 and joined, as a client would. */
    private String joinedChunks(String runId, String stream, int limit) throws Exception {
        StringBuilder joined = new StringBuilder();
        long offset = 0;
        for (int reads = 0; reads < 10_000; reads++) {
            JsonNode chunk =
                    get("/api/runs/" + runId + "/log?stream=" + stream + "&limit=" + limit + "&offset=" + offset);
            joined.append(chunk.get("text").asText());
            long next = chunk.get("next_offset").asLong();
            if (next >= chunk.get("size").asLong() || next == offset) return joined.toString();
            offset = next;
        }
        throw new AssertionError("the log of " + runId + " never ended");
    }

    /** The database and its WAL as text: what is stored, in whatever page it landed. */
    private String databaseBytes() throws IOException {
        StringBuilder all = new StringBuilder();
        try (Stream<Path> files = Files.list(baton.baton.home().root())) {
            for (Path file : files.filter(f -> f.getFileName().toString().startsWith("baton.db"))
                    .toList()) {
                all.append(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1));
            }
        }
        return all.toString();
    }

    private JsonNode get(String path) throws Exception {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
        return JsonSupport.MAPPER.readTree(response.body());
    }

    private static String permissions(Path path) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }
}
