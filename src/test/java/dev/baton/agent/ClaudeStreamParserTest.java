package dev.baton.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.core.FailureReason;
import dev.baton.core.Usage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The parser on streams captured from the real Claude Code 2.1.330 (against the scripted model
 * server), kept under {@code src/test/resources/dev/baton/agent/claude}.
 */
class ClaudeStreamParserTest {
    private static final Instant NOW = Instant.parse("2026-11-22T09:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    @Test
    void readsSessionMessagesToolCallsResultsAndTheRunsUsage() throws IOException {
        List<AgentEvent> events = parse("write-edit-bash.jsonl");

        assertThat(events.getFirst())
                .isEqualTo(new AgentEvent.SessionStarted("e0325c1d-a65b-4df1-bb67-e09b6d1405fc", "claude-sonnet-4-5"));
        assertThat(of(events, AgentEvent.Message.class))
                .extracting(AgentEvent.Message::text)
                .containsExactly("I'll create it.", "Created and edited hello.txt.");
        List<AgentEvent.ToolCall> calls = of(events, AgentEvent.ToolCall.class);
        assertThat(calls).extracting(AgentEvent.ToolCall::name).containsExactly("Write", "Edit", "Bash");
        assertThat(calls.getFirst().callId()).isEqualTo("toolu_1_1");
        assertThat(calls.getFirst().input())
                .isEqualTo("{\"file_path\":\"/tmp/claude-explore/w/hello.txt\",\"content\":\"hello\\n\"}");
        List<AgentEvent.ToolResult> results = of(events, AgentEvent.ToolResult.class);
        assertThat(results)
                .extracting(AgentEvent.ToolResult::callId)
                .containsExactly("toolu_1_1", "toolu_2_0", "toolu_3_0");
        assertThat(results).noneMatch(AgentEvent.ToolResult::failed);
        assertThat(results.getLast().output()).isEqualTo("hello world");
        assertThat(of(events, AgentEvent.UsageReport.class))
                .containsExactly(
                        new AgentEvent.UsageReport(new Usage(400, 80, 28 + 12, 0.0024534), "claude-sonnet-4-5", true));
        assertThat(events.getLast()).isEqualTo(new AgentEvent.Result("Created and edited hello.txt.", false));
        assertThat(of(events, AgentEvent.Error.class)).isEmpty();

        Transcript transcript = transcriptOf(events);
        assertThat(transcript.sessionId()).isEqualTo("e0325c1d-a65b-4df1-bb67-e09b6d1405fc");
        assertThat(transcript.usage().costUsd()).isEqualTo(0.0024534);
        assertThat(transcript.toolCalls()).isEqualTo(3);
    }

    @Test
    void aRateLimitAfterTheCliRetriedIsClassifiedWithTheRetryDelayAsResetTime() throws IOException {
        List<AgentEvent> events = parse("rate-limited-after-retry.jsonl");

        List<AgentEvent.Error> errors = of(events, AgentEvent.Error.class);
        assertThat(errors).hasSize(2);
        assertThat(errors.getFirst().reason()).isNull(); // the retry itself is only reported
        assertThat(errors.getFirst().message()).contains("429", "retry 1 of 1", "2382 ms");
        AgentEvent.Error limit = errors.getLast();
        assertThat(limit.reason()).isEqualTo(FailureReason.RATE_LIMITED);
        assertThat(limit.message()).startsWith("API Error: Request rejected (429)");
        assertThat(limit.resetAt()).isEqualTo(NOW.plusMillis(2382));
        assertThat(events.getLast()).isInstanceOf(AgentEvent.Result.class);
        assertThat(((AgentEvent.Result) events.getLast()).failed()).isTrue();
        assertThat(transcriptOf(events).classifiedReason()).isEqualTo(FailureReason.RATE_LIMITED);
    }

    @Test
    void anApiErrorIsAFailureEvenThoughTheSubtypeSaysSuccess() throws IOException {
        List<AgentEvent> events = parse("api-error-400.jsonl");

        assertThat(of(events, AgentEvent.ToolCall.class))
                .extracting(AgentEvent.ToolCall::name)
                .containsExactly("Write");
        List<AgentEvent.Error> errors = of(events, AgentEvent.Error.class);
        assertThat(errors).hasSize(1);
        assertThat(errors.getFirst().reason()).isEqualTo(FailureReason.API_ERROR);
        assertThat(errors.getFirst().message()).isEqualTo("API Error: 400 scripted bad request");
        assertThat(events.getLast()).isEqualTo(new AgentEvent.Result("API Error: 400 scripted bad request", true));
        assertThat(transcriptOf(events).sessionId()).isEqualTo("91d6f35d-b8ac-4ec7-8608-6a3f330dfbd4");
    }

    @Test
    void notLoggedInIsMissingAuth() throws IOException {
        List<AgentEvent> events = parse("not-logged-in.jsonl");

        List<AgentEvent.Error> errors = of(events, AgentEvent.Error.class);
        assertThat(errors).singleElement().satisfies(e -> {
            assertThat(e.reason()).isEqualTo(FailureReason.AUTH_MISSING);
            assertThat(e.message()).isEqualTo("Not logged in · Please run /login");
        });
        assertThat(((AgentEvent.Result) events.getLast()).failed()).isTrue();
    }

    @Test
    void deniedToolCallsAreReportedOnceEach() throws IOException {
        List<AgentEvent> events = parse("permission-denied.jsonl");

        List<AgentEvent.Error> errors = of(events, AgentEvent.Error.class);
        assertThat(errors).singleElement().satisfies(e -> {
            assertThat(e.reason()).isEqualTo(FailureReason.PERMISSION_DENIED);
            assertThat(e.message()).startsWith("permission denied for Write: Claude requested permissions");
        });
        assertThat(of(events, AgentEvent.ToolResult.class)).singleElement().satisfies(r -> assertThat(r.failed())
                .isTrue());
        assertThat(events.getLast()).isEqualTo(new AgentEvent.Result("I could not write.", false));
    }

    @Test
    void aResumedRunKeepsTheSessionId() throws IOException {
        List<AgentEvent> events = parse("resumed.jsonl");

        assertThat(events.getFirst()).isInstanceOf(AgentEvent.SessionStarted.class);
        assertThat(((AgentEvent.SessionStarted) events.getFirst()).sessionId())
                .isEqualTo("91d6f35d-b8ac-4ec7-8608-6a3f330dfbd4");
        assertThat(events.getLast()).isEqualTo(new AgentEvent.Result("resumed fine", false));
    }

    @Test
    void oddLinesGiveNothingAndNeverThrow() {
        ClaudeStreamParser parser = new ClaudeStreamParser(CLOCK);
        for (String line : List.of(
                "",
                "   ",
                "not json",
                "{\"type\":",
                "[1,2]",
                "{}",
                "{\"type\":\"assistant\"}",
                "{\"type\":\"assistant\",\"message\":{\"content\":\"a string\"}}",
                "{\"type\":\"user\",\"message\":{\"content\":[{\"type\":\"tool_result\"}]}}",
                "{\"type\":\"result\"}",
                "{\"type\":\"system\",\"subtype\":\"status\",\"status\":\"compacting\"}",
                "{\"type\":\"stream_event\",\"event\":{}}")) {
            parser.parse(line);
        }
        assertThat(parser.parse("Warning: something\n")).isEmpty();
        assertThat(parser.parse("{\"type\":\"system\",\"subtype\":\"status\"}")).isEmpty();
    }

    @Test
    void resetTimesAreReadFromTheMessagesClaudeCodeGives() {
        Clock paris = Clock.fixed(NOW, ZoneId.of("Europe/Paris")); // 10:00 in Paris
        assertThat(ClaudeErrors.resetAt("Claude AI usage limit reached|1767225600", paris))
                .isEqualTo(Instant.ofEpochSecond(1767225600));
        assertThat(ClaudeErrors.resetAt("limit reached, resets at 2026-11-22T12:30:00Z", paris))
                .isEqualTo(Instant.parse("2026-11-22T12:30:00Z"));
        assertThat(ClaudeErrors.resetAt("Too many requests, try again in 30 seconds", paris))
                .isEqualTo(NOW.plus(Duration.ofSeconds(30)));
        assertThat(ClaudeErrors.resetAt("5-hour limit reached ∙ resets 3pm (Europe/Paris)", paris))
                .isEqualTo(Instant.parse("2026-11-22T14:00:00Z"));
        assertThat(ClaudeErrors.resetAt("You've hit your limit · resets 9am", paris))
                .isEqualTo(Instant.parse("2026-11-23T08:00:00Z")); // 9am has passed today
        assertThat(ClaudeErrors.resetAt("API Error: 500 internal", paris)).isNull();
    }

    @Test
    void usageLimitMessagesAreRateLimitsAndOtherApiErrorsAreApiErrors() {
        assertThat(ClaudeErrors.classify("Claude AI usage limit reached|1767225600", 0, ""))
                .isEqualTo(FailureReason.RATE_LIMITED);
        assertThat(ClaudeErrors.classify("5-hour limit reached ∙ resets 3pm", 0, ""))
                .isEqualTo(FailureReason.RATE_LIMITED);
        assertThat(ClaudeErrors.classify("API Error: 401 invalid x-api-key", 401, ""))
                .isEqualTo(FailureReason.AUTH_MISSING);
        assertThat(ClaudeErrors.classify("API Error: 529 Overloaded", 529, "overloaded_error"))
                .isEqualTo(FailureReason.API_ERROR);
        assertThat(ClaudeErrors.classify("the task is done", 0, "")).isNull();
    }

    private static List<AgentEvent> parse(String resource) throws IOException {
        ClaudeStreamParser parser = new ClaudeStreamParser(CLOCK);
        List<AgentEvent> events = new ArrayList<>();
        try (InputStream in = ClaudeStreamParserTest.class.getResourceAsStream("claude/" + resource)) {
            assertThat(in).as(resource).isNotNull();
            new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .lines()
                    .forEach(line -> events.addAll(parser.parse(line)));
        }
        return events;
    }

    private static Transcript transcriptOf(List<AgentEvent> events) {
        Transcript transcript = new Transcript();
        events.forEach(transcript::add);
        return transcript;
    }

    private static <T extends AgentEvent> List<T> of(List<AgentEvent> events, Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }
}
