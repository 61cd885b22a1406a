package dev.baton.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.core.FailureReason;
import dev.baton.core.Usage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The parser on streams captured from opencode 1.18.33 run against the scripted model server. */
class OpencodeStreamParserTest {

    private static List<AgentEvent> parse(OpencodeStreamParser parser, String resource) throws IOException {
        List<AgentEvent> events = new ArrayList<>();
        try (InputStream in = OpencodeStreamParserTest.class.getResourceAsStream("opencode/" + resource)) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .lines()
                    .toList()) {
                events.addAll(parser.parse(line));
            }
        }
        return events;
    }

    private static Transcript transcriptOf(List<AgentEvent> events) {
        Transcript transcript = new Transcript();
        events.forEach(transcript::add);
        return transcript;
    }

    @Test
    void aRunThatWritesAndEditsAFileGivesItsSessionToolCallsUsageAndFinalAnswer() throws IOException {
        OpencodeStreamParser parser = new OpencodeStreamParser();
        parser.parse("{\"type\":\"baton.launch\",\"model\":\"local/gpt-4.1-mini\"}");
        List<AgentEvent> events = parse(parser, "create-and-edit.jsonl");

        assertThat(events.getFirst())
                .isEqualTo(new AgentEvent.SessionStarted("ses_dfd8826eeffe2xp2zg1ZBmO5KZ", "local/gpt-4.1-mini"));
        assertThat(events)
                .filteredOn(e -> e instanceof AgentEvent.SessionStarted)
                .hasSize(1);
        List<AgentEvent.ToolCall> calls = events.stream()
                .filter(e -> e instanceof AgentEvent.ToolCall)
                .map(e -> (AgentEvent.ToolCall) e)
                .toList();
        assertThat(calls).extracting(AgentEvent.ToolCall::name).containsExactly("write", "edit");
        assertThat(calls.getFirst().callId()).isEqualTo("call_1_0");
        assertThat(calls.getFirst().input()).isEqualTo("{\"filePath\":\"hello.txt\",\"content\":\"hello\\n\"}");
        assertThat(events)
                .contains(
                        new AgentEvent.ToolResult("call_1_0", false, "Wrote file successfully."),
                        new AgentEvent.ToolResult("call_2_0", false, "Edit applied successfully."),
                        new AgentEvent.Message("All done."),
                        new AgentEvent.Result("All done.", false));

        Transcript transcript = transcriptOf(events);
        assertThat(transcript.sessionId()).isEqualTo("ses_dfd8826eeffe2xp2zg1ZBmO5KZ");
        assertThat(transcript.summary()).isEqualTo("All done.");
        Usage usage = transcript.usage();
        assertThat(usage.inputTokens()).isEqualTo(300);
        assertThat(usage.outputTokens()).isEqualTo(60);
        // opencode reported cost 0 (no price for a custom provider's model): priced from Baton's table
        assertThat(usage.costUsd())
                .isCloseTo((300 * 0.40 + 60 * 1.60) / 1_000_000, org.assertj.core.data.Offset.offset(1e-12));
    }

    @Test
    void withoutAKnownModelTheCostStaysUnknown() throws IOException {
        Transcript transcript = transcriptOf(parse(new OpencodeStreamParser(), "create-and-edit.jsonl"));
        assertThat(transcript.usage().totalTokens()).isEqualTo(360);
        assertThat(transcript.usage().costUsd()).isNull();
    }

    @Test
    void aCostOpencodeReportsIsKept() {
        List<AgentEvent> events = new OpencodeStreamParser()
                .parse(
                        "{\"type\":\"step_finish\",\"timestamp\":1,\"sessionID\":\"ses_1\",\"part\":{\"reason\":\"stop\","
                                + "\"tokens\":{\"input\":10,\"output\":5,\"reasoning\":2,\"cache\":{\"write\":3,\"read\":7}},\"cost\":0.25}}");
        assertThat(events).contains(new AgentEvent.UsageReport(new Usage(13, 7, 7, 0.25), null, false));
    }

    @Test
    void aRejectedRequestIsAnApiError() throws IOException {
        List<AgentEvent> events = parse(new OpencodeStreamParser(), "api-error-400.jsonl");
        assertThat(events.getFirst()).isInstanceOf(AgentEvent.SessionStarted.class);
        AgentEvent.Error error = (AgentEvent.Error) events.getLast();
        assertThat(error.reason()).isEqualTo(FailureReason.API_ERROR);
        assertThat(error.message()).isEqualTo("bad request: context too long (HTTP 400)");
        assertThat(error.resetAt()).isNull();
    }

    @Test
    void aRateLimitCarriesItsResetTimeFromRetryAfter() throws IOException {
        AgentEvent.Error error = (AgentEvent.Error)
                parse(new OpencodeStreamParser(), "rate-limited.jsonl").getLast();
        assertThat(error.reason()).isEqualTo(FailureReason.RATE_LIMITED);
        // the event's timestamp plus retry-after: 1
        assertThat(error.resetAt()).isEqualTo(Instant.ofEpochMilli(1795338173756L + 1000));
    }

    @Test
    void aRateLimitWithoutHeadersTakesItsResetTimeFromTheMessage() {
        AgentEvent.Error error = (AgentEvent.Error) new OpencodeStreamParser()
                .parse("{\"type\":\"error\",\"timestamp\":1000,\"sessionID\":\"s\",\"error\":{\"name\":\"APIError\","
                        + "\"data\":{\"message\":\"Usage limit reached. Please try again in 1m30s.\"}}}")
                .getLast();
        assertThat(error.reason()).isEqualTo(FailureReason.RATE_LIMITED);
        assertThat(error.resetAt()).isEqualTo(Instant.ofEpochMilli(1000 + 90_000));
    }

    @Test
    void aFailedToolCallIsAFailedResultAndADenialIsNamed() throws IOException {
        List<AgentEvent> events = parse(new OpencodeStreamParser(), "tool-error.jsonl");
        assertThat(events)
                .contains(new AgentEvent.ToolResult("call_2_0", true, "File /tmp/ocprobe/repo/hello.txt not found"));
        assertThat(events).noneMatch(e -> e instanceof AgentEvent.Error);

        List<AgentEvent> denied = new OpencodeStreamParser()
                .parse(
                        "{\"type\":\"tool_use\",\"timestamp\":1,\"sessionID\":\"s\",\"part\":{\"type\":\"tool\",\"tool\":\"edit\","
                                + "\"callID\":\"c\",\"state\":{\"status\":\"error\",\"input\":{},\"error\":"
                                + "\"The user rejected permission to use this specific tool call.\"}}}");
        assertThat(denied.getLast()).isInstanceOfSatisfying(AgentEvent.Error.class, e -> assertThat(e.reason())
                .isEqualTo(FailureReason.PERMISSION_DENIED));
    }

    @Test
    void oddLinesGiveNothing() {
        OpencodeStreamParser parser = new OpencodeStreamParser();
        assertThat(parser.parse("timestamp=2026-11-22T08:55:35Z level=INFO message=init"))
                .isEmpty();
        assertThat(parser.parse("{\"type\":\"text\",")).isEmpty();
        assertThat(parser.parse("{\"type\":\"tool_use\",\"part\":42}")).isEmpty();
        assertThat(parser.parse("")).isEmpty();
        assertThat(parser.parse(null)).isEmpty();
        assertThat(parser.parse("[1,2]")).isEmpty();
    }
}
