package dev.baton.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.baton.core.FailureReason;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The parser on streams captured from the real Gemini CLI 0.61.0 ({@code gemini -p ... -o
 * stream-json}) against a scripted model server; the files are in {@code
 * src/test/resources/dev/baton/agent/gemini}.
 */
class GeminiStreamParserTest {

    @Test
    void readsSessionToolCallsResultsAnswerAndUsage() throws IOException {
        Transcript transcript = new Transcript();
        List<AgentEvent> events = parse("tools-auto-model.jsonl", transcript);

        assertThat(events.getFirst())
                .isEqualTo(new AgentEvent.SessionStarted("e6cd679a-e389-4e6a-a359-b62a49e101f3", "auto"));
        assertThat(events)
                .filteredOn(AgentEvent.ToolCall.class::isInstance)
                .extracting(e -> ((AgentEvent.ToolCall) e).name())
                .containsExactly("write_file", "run_shell_command");
        AgentEvent.ToolCall write = (AgentEvent.ToolCall) events.stream()
                .filter(AgentEvent.ToolCall.class::isInstance)
                .findFirst()
                .orElseThrow();
        assertThat(write.callId()).isEqualTo("write_file__write_file_1795337136268_0");
        assertThat(write.input()).isEqualTo("{\"file_path\":\"hello.txt\",\"content\":\"hello\\n\"}");
        assertThat(events)
                .filteredOn(AgentEvent.ToolResult.class::isInstance)
                .allMatch(e -> !((AgentEvent.ToolResult) e).failed())
                .hasSize(2);
        // The prompt, echoed back as a user message, is not the agent's own words.
        assertThat(events)
                .filteredOn(AgentEvent.Message.class::isInstance)
                .containsExactly(new AgentEvent.Message("All done."));
        assertThat(events.getLast()).isEqualTo(new AgentEvent.Result("All done.", false));

        assertThat(transcript.sessionId()).isEqualTo("e6cd679a-e389-4e6a-a359-b62a49e101f3");
        assertThat(transcript.summary()).isEqualTo("All done.");
        assertThat(transcript.usage().inputTokens()).isEqualTo(310);
        assertThat(transcript.usage().outputTokens()).isEqualTo(65);
        // The router model (gemini-3.5-flash-lite) has no known price, so neither has the run.
        assertThat(transcript.usage().costUsd()).isNull();
        assertThat(transcript.toolCalls()).isEqualTo(2);
    }

    @Test
    void pricesTheTokensOfAKnownModel() throws IOException {
        Transcript transcript = new Transcript();
        parse("text.jsonl", transcript);

        assertThat(transcript.usage().inputTokens()).isEqualTo(100);
        assertThat(transcript.usage().outputTokens()).isEqualTo(20);
        // gemini-2.5-flash: $0.30 per million input tokens, $2.50 per million output tokens.
        assertThat(transcript.usage().costUsd()).isCloseTo((100 * 0.30 + 20 * 2.50) / 1e6, within(1e-12));
        assertThat(transcript.model()).isEqualTo("gemini-2.5-pro"); // as asked for in init; stats name the served one
        assertThat(transcript.summary()).isEqualTo("first answer, remember BANANA");
    }

    @Test
    void aResumedSessionKeepsItsId() throws IOException {
        Transcript first = new Transcript();
        parse("text.jsonl", first);
        Transcript resumed = new Transcript();
        parse("resumed.jsonl", resumed);

        assertThat(resumed.sessionId()).isEqualTo(first.sessionId());
        assertThat(resumed.summary()).isEqualTo("second answer");
    }

    @Test
    void aTerminalRateLimitIsClassifiedWithItsResetTime() throws IOException {
        Transcript transcript = new Transcript();
        List<AgentEvent> events = parse("rate-limit-terminal.jsonl", transcript);

        AgentEvent.Error error = only(events, AgentEvent.Error.class);
        assertThat(error.reason()).isEqualTo(FailureReason.RATE_LIMITED);
        assertThat(error.message()).contains("Suggested retry after 3600s");
        // 3600 s after the result's timestamp, 2026-11-22T08:48:16.800Z.
        assertThat(error.resetAt()).hasToString("2026-11-22T09:48:16.800Z");
        assertThat(transcript.result().failed()).isTrue();
        assertThat(transcript.classifiedReason()).isEqualTo(FailureReason.RATE_LIMITED);
    }

    @Test
    void aRetryableRateLimitThatOutlastedTheAttemptsIsARateLimitToo() throws IOException {
        Transcript transcript = new Transcript();
        AgentEvent.Error error = only(parse("rate-limit-retryable.jsonl", transcript), AgentEvent.Error.class);

        assertThat(error.reason()).isEqualTo(FailureReason.RATE_LIMITED);
        assertThat(error.resetAt()).hasToString("2026-11-22T08:48:50.733Z");
    }

    @Test
    void otherApiErrorsAreApiErrors() throws IOException {
        Transcript transcript = new Transcript();
        AgentEvent.Error error = only(parse("api-error-400.jsonl", transcript), AgentEvent.Error.class);

        assertThat(error.reason()).isEqualTo(FailureReason.API_ERROR);
        assertThat(error.resetAt()).isNull();
        assertThat(error.message()).contains("INVALID_ARGUMENT");
    }

    @Test
    void deniedToolCallsAreFailedResultsAndTheRunStillSucceeds() throws IOException {
        Transcript transcript = new Transcript();
        List<AgentEvent> events = parse("read-only-denied.jsonl", transcript);

        List<AgentEvent.ToolResult> results = events.stream()
                .filter(AgentEvent.ToolResult.class::isInstance)
                .map(AgentEvent.ToolResult.class::cast)
                .toList();
        assertThat(results).hasSize(3).allMatch(AgentEvent.ToolResult::failed);
        assertThat(results.getFirst().output()).startsWith("Tool execution denied by policy");
        assertThat(results.getLast().output()).isEqualTo("File not found.\nFile not found: /tmp/gem/proj/missing.txt");
        assertThat(transcript.result()).isEqualTo(new AgentEvent.Result("I could not write.", false));
        assertThat(transcript.classifiedReason()).isNull();
    }

    @Test
    void aFailedRunAfterDeniedToolCallsIsAPermissionDenial() {
        GeminiStreamParser parser = new GeminiStreamParser();
        parser.parse("{\"type\":\"tool_result\",\"tool_id\":\"t1\",\"status\":\"error\","
                + "\"error\":{\"type\":\"policy_violation\",\"message\":\"Tool execution denied by policy.\"}}");
        List<AgentEvent> events = parser.parse("{\"type\":\"result\",\"timestamp\":\"2026-11-22T08:00:00Z\","
                + "\"status\":\"error\",\"error\":{\"type\":\"FatalToolExecutionError\",\"message\":\"stopped\"}}");

        assertThat(only(events, AgentEvent.Error.class).reason()).isEqualTo(FailureReason.PERMISSION_DENIED);
    }

    @Test
    void joinsTheStreamedPiecesOfOneAnswer() {
        GeminiStreamParser parser = new GeminiStreamParser();
        assertThat(parser.parse("{\"type\":\"message\",\"role\":\"assistant\",\"content\":\"Hel\",\"delta\":true}"))
                .isEmpty();
        assertThat(parser.parse("{\"type\":\"message\",\"role\":\"assistant\",\"content\":\"lo.\",\"delta\":true}"))
                .isEmpty();
        assertThat(parser.parse("{\"type\":\"tool_use\",\"tool_name\":\"ls\",\"tool_id\":\"a\",\"parameters\":{}}"))
                .containsExactly(new AgentEvent.Message("Hello."), new AgentEvent.ToolCall("a", "ls", "{}"));
    }

    @Test
    void neverThrowsOnLinesItDoesNotUnderstand() {
        GeminiStreamParser parser = new GeminiStreamParser();
        for (String line : List.of(
                "",
                "YOLO mode is enabled.",
                "{",
                "[1,2]",
                "null",
                "{\"type\":\"result\"}",
                "{\"type\":\"result\",\"status\":\"success\",\"stats\":{\"models\":{\"x\":null}}}",
                "{\"type\":\"tool_use\"}",
                "{\"type\":\"tool_result\",\"status\":\"error\",\"error\":\"text\"}",
                "{\"type\":\"error\",\"severity\":\"warning\",\"message\":\"loop\"}",
                "{\"type\":\"init\",\"session_id\":5}",
                "{\"type\":\"something-new\"}")) {
            parser.parse(line);
        }
    }

    private static <T> T only(List<AgentEvent> events, Class<T> type) {
        List<T> matching =
                events.stream().filter(type::isInstance).map(type::cast).toList();
        assertThat(matching).hasSize(1);
        return matching.getFirst();
    }

    private static List<AgentEvent> parse(String resource, Transcript transcript) throws IOException {
        GeminiStreamParser parser = new GeminiStreamParser();
        List<AgentEvent> events = new ArrayList<>();
        try (InputStream in = GeminiStreamParserTest.class.getResourceAsStream("gemini/" + resource)) {
            assertThat(in).as(resource).isNotNull();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .lines()
                    .toList()) {
                List<AgentEvent> parsed = parser.parse(line);
                parsed.forEach(transcript::add);
                events.addAll(parsed);
            }
        }
        return events;
    }
}
