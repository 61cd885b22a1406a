package dev.baton.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.core.FailureReason;
import dev.baton.core.Usage;
import dev.baton.session.RunFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The parser and outcome on streams captured from the real {@code codex exec --json} (0.169.0). */
class CodexStreamParserTest {
    private static final Instant NOW = Instant.parse("2030-03-17T12:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    @TempDir
    Path dir;

    private final CodexAgent agent = new CodexAgent(java.util.Map.of(), CLOCK, ZoneOffset.UTC);

    @Test
    void aTurnThatRanTwoCommandsGivesSessionToolCallsResultsMessageAndUsage() throws IOException {
        List<AgentEvent> events = parse(CodexStreamParser.launchLine("gpt-5", Usage.NONE), "create-and-edit.jsonl");

        assertThat(events.getFirst())
                .isEqualTo(new AgentEvent.SessionStarted("01a20271-4a71-7490-9408-741d764e30d0", "gpt-5"));
        assertThat(events)
                .filteredOn(e -> e instanceof AgentEvent.Error)
                .singleElement()
                .satisfies(e -> {
                    // Unknown model metadata is a warning: no reason, so it never fails the run.
                    assertThat(((AgentEvent.Error) e).message()).startsWith("Model metadata for `m` not found");
                    assertThat(((AgentEvent.Error) e).reason()).isNull();
                });
        List<AgentEvent.ToolCall> calls = ofType(events, AgentEvent.ToolCall.class);
        assertThat(calls).hasSize(2);
        assertThat(calls.getFirst().callId()).isEqualTo("item_1");
        assertThat(calls.getFirst().name()).isEqualTo("exec_command");
        assertThat(calls.getFirst().input()).contains("\"cmd\":\"/bin/bash -lc").contains("hello.txt");
        List<AgentEvent.ToolResult> results = ofType(events, AgentEvent.ToolResult.class);
        assertThat(results)
                .extracting(AgentEvent.ToolResult::callId, AgentEvent.ToolResult::failed)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("item_1", false),
                        org.assertj.core.groups.Tuple.tuple("item_2", false));
        assertThat(results.get(1).output()).isEqualTo("hello world\n");
        assertThat(ofType(events, AgentEvent.Message.class))
                .containsExactly(new AgentEvent.Message("Created and edited hello.txt"));

        AgentEvent.UsageReport usage =
                ofType(events, AgentEvent.UsageReport.class).getFirst();
        assertThat(usage.cumulative()).isTrue();
        assertThat(usage.model()).isEqualTo("gpt-5");
        assertThat(usage.usage().inputTokens()).isEqualTo(300);
        assertThat(usage.usage().cachedTokens()).isEqualTo(30);
        assertThat(usage.usage().outputTokens()).isEqualTo(60);
        // gpt-5: 270 uncached × $1.25/M + 30 cached × $0.125/M + 60 out × $10/M
        assertThat(usage.usage().costUsd()).isCloseTo(0.00094125, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(events.getLast()).isEqualTo(new AgentEvent.Result("Created and edited hello.txt", false));

        Transcript transcript = transcriptOf(events);
        RunOutcome outcome = agent.outcome(0, new RunFiles(dir), transcript);
        assertThat(outcome.succeeded()).isTrue();
        assertThat(outcome.summary()).isEqualTo("Created and edited hello.txt");
        assertThat(transcript.sessionId()).isEqualTo("01a20271-4a71-7490-9408-741d764e30d0");
        assertThat(transcript.toolCalls()).isEqualTo(2);
    }

    @Test
    void aResumedRunReportsOnlyItsOwnPartOfTheThreadsTokens() throws IOException {
        // Codex's turn.completed counts the whole thread; the launch line holds what it had used before.
        List<AgentEvent> events =
                parse(CodexStreamParser.launchLine("m", new Usage(500, 100, 50, null)), "resumed.jsonl");

        Usage usage = ofType(events, AgentEvent.UsageReport.class).getFirst().usage();
        assertThat(usage).isEqualTo(new Usage(100, 20, 10, null)); // unknown model: no price
        assertThat(transcriptOf(events).sessionId()).isEqualTo("01a20271-4a71-7490-9408-741d764e30d0");
    }

    @Test
    void aUsageLimitIsARateLimitWithTheResetTimeCodexPrints() throws IOException {
        List<AgentEvent> events = parse(null, "usage-limit.jsonl");

        List<AgentEvent.Error> errors = ofType(events, AgentEvent.Error.class).stream()
                .filter(e -> e.reason() != null)
                .toList();
        assertThat(errors).hasSize(1); // printed as "error" and again in "turn.failed": reported once
        assertThat(errors.getFirst().reason()).isEqualTo(FailureReason.RATE_LIMITED);
        assertThat(errors.getFirst().resetAt()).isEqualTo(Instant.parse("2030-03-17T17:46:00Z"));

        RunOutcome outcome = agent.outcome(1, new RunFiles(dir), transcriptOf(events));
        assertThat(outcome.reason()).isEqualTo(FailureReason.RATE_LIMITED);
        assertThat(outcome.detail()).contains("usage limit").contains("resets at 2030-03-17T17:46:00Z");
    }

    @Test
    void aPlain429IsARateLimitWithoutResetTime() throws IOException {
        List<AgentEvent> events = parse(null, "rate-limit-429.jsonl");
        RunOutcome outcome = agent.outcome(1, new RunFiles(dir), transcriptOf(events));
        assertThat(outcome.reason()).isEqualTo(FailureReason.RATE_LIMITED);
        assertThat(outcome.detail()).contains("429 Too Many Requests").contains("no reset time");
    }

    @Test
    void anotherApiErrorIsAnApiError() throws IOException {
        List<AgentEvent> events = parse(null, "api-error-400.jsonl");
        assertThat(events.getLast()).isInstanceOf(AgentEvent.Result.class);
        assertThat(((AgentEvent.Result) events.getLast()).failed()).isTrue();
        RunOutcome outcome = agent.outcome(1, new RunFiles(dir), transcriptOf(events));
        assertThat(outcome.reason()).isEqualTo(FailureReason.API_ERROR);
        assertThat(outcome.detail()).contains("bad request thing");
    }

    @Test
    void errorsAreClassifiedAndTheirResetTimesRead() {
        CodexErrors errors = new CodexErrors(CLOCK, ZoneId.of("Europe/Berlin"));
        assertThat(errors.classify("Reconnecting... 2/5 (stream disconnected before completion)")
                        .reason())
                .isNull();
        assertThat(errors.classify("Missing environment variable: `LOCAL_KEY`.").reason())
                .isEqualTo(FailureReason.AUTH_MISSING);
        assertThat(errors.classify("unexpected status 401 Unauthorized: Incorrect API key provided, url: x")
                        .reason())
                .isEqualTo(FailureReason.AUTH_MISSING);
        // Today's reset is printed as a clock time, in the machine's zone (Berlin is UTC+1 in March).
        assertThat(errors.resetAt("You’ve hit your usage limit. ... or try again at 5:46 PM."))
                .isEqualTo(Instant.parse("2030-03-17T16:46:00Z"));
        assertThat(errors.resetAt("Rate limit reached. Please try again in 1m30s."))
                .isEqualTo(NOW.plusSeconds(90));
        assertThat(errors.resetAt("Please try again in 20s")).isEqualTo(NOW.plusSeconds(20));
        assertThat(errors.resetAt("try again later")).isNull();
    }

    @Test
    void linesThatAreNotCodexEventsAreIgnored() {
        CodexStreamParser parser = (CodexStreamParser) agent.parser();
        assertThat(parser.parse("")).isEmpty();
        assertThat(parser.parse("WARNING: something")).isEmpty();
        assertThat(parser.parse("{not json")).isEmpty();
        assertThat(parser.parse("{\"type\":\"item.completed\"}")).isEmpty();
        assertThat(parser.parse("{\"type\":\"turn.completed\",\"usage\":\"odd\"}"))
                .contains(new AgentEvent.UsageReport(Usage.NONE, null, true));
        assertThat(parser.parse("{\"type\":\"something.new\",\"x\":1}")).isEmpty();
    }

    @Test
    void aMissingBinaryAndACrashAreNamed() throws IOException {
        RunOutcome missing = agent.outcome(127, new RunFiles(dir), new Transcript());
        assertThat(missing.reason()).isEqualTo(FailureReason.BINARY_MISSING);
        assertThat(missing.detail()).contains("npm install -g @openai/codex");

        Files.writeString(dir.resolve("stderr.log"), """
                WARNING: proceeding, even though we could not create PATH aliases
                Reading additional input from stdin...
                Error: thread/resume: thread/resume failed: no rollout found for thread id 01a2 (code -32600)

                Stack backtrace:
                   0: <unknown>
                """);
        RunOutcome crashed = agent.outcome(1, new RunFiles(dir), new Transcript());
        assertThat(crashed.reason()).isEqualTo(FailureReason.AGENT_CRASHED);
        assertThat(crashed.detail())
                .endsWith("Error: thread/resume: thread/resume failed: no rollout found for thread"
                        + " id 01a2 (code -32600)");
    }

    private List<AgentEvent> parse(String launchLine, String resource) throws IOException {
        StreamParser parser = agent.parser();
        List<AgentEvent> events = new ArrayList<>();
        if (launchLine != null) events.addAll(parser.parse(launchLine));
        for (String line : lines(resource)) events.addAll(parser.parse(line));
        return events;
    }

    static List<String> lines(String resource) throws IOException {
        try (InputStream in = CodexStreamParserTest.class.getResourceAsStream("/codex/" + resource)) {
            if (in == null) throw new IOException("no test resource codex/" + resource);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
    }

    private static Transcript transcriptOf(List<AgentEvent> events) {
        Transcript transcript = new Transcript();
        events.forEach(transcript::add);
        return transcript;
    }

    private static <T> List<T> ofType(List<AgentEvent> events, Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }
}
