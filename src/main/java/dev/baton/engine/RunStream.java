package dev.baton.engine;

import dev.baton.agent.AgentEvent;
import dev.baton.agent.StreamParser;
import dev.baton.agent.Transcript;
import dev.baton.core.Event;
import dev.baton.core.EventTypes;
import dev.baton.core.Run;
import dev.baton.session.RunFiles;
import dev.baton.store.Changes;
import dev.baton.store.Recorder;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Follows one run's output: parses the agent's structured stream into events (recorded in batches),
 * keeps the run's {@link Transcript}, and notes when output last grew, for stall detection. After a
 * restart it re-reads the stream from the start to rebuild the transcript, recording only what was
 * not recorded before. Not thread-safe: one per run, used by its supervising thread.
 */
final class RunStream {
    private static final int MAX_TEXT = 4000;

    private final Recorder recorder;
    private final Clock clock;
    private final StreamParser parser;
    private final Transcript transcript = new Transcript();
    private final OutputTail tail;
    private final RunFiles files;
    private final long alreadyRecorded;
    private long lastSize = -1;
    private Instant lastActivity;

    RunStream(Recorder recorder, Clock clock, StreamParser parser, Run run) {
        this.recorder = recorder;
        this.clock = clock;
        this.parser = parser;
        this.files = new RunFiles(Path.of(run.runDir()));
        this.tail = new OutputTail(files.stdout(), 0);
        this.alreadyRecorded = run.outputOffset();
        this.lastActivity = clock.instant();
    }

    Transcript transcript() {
        return transcript;
    }

    boolean parses() {
        return parser != StreamParser.NONE;
    }

    Instant lastActivity() {
        return lastActivity;
    }

    /** The bytes the run wrote so far, stdout and stderr together. */
    long outputSize() {
        return files.stdoutSize() + files.stderrSize();
    }

    /**
     * Reads what is new. For a parsing agent, records the new agent events and the new offset;
     * otherwise only reports output growth. Returns the run as stored afterwards.
     */
    Run poll(Run run, boolean atEnd) {
        long size = files.stdoutSize() + files.stderrSize();
        if (size != lastSize) {
            lastActivity = clock.instant();
            lastSize = size;
        } else if (!atEnd) {
            return run;
        }
        if (!parses()) {
            return recordGrowth(run, size);
        }
        List<String> lines = tail.readLines(atEnd);
        long offset = tail.offset();
        Changes.Builder changes = Changes.builder();
        int recorded = 0;
        for (String line : lines) {
            for (AgentEvent event : parser.parse(line)) {
                transcript.add(event);
                if (offset > alreadyRecorded) {
                    changes.event(toEvent(run, event));
                    recorded++;
                }
            }
        }
        if (recorded == 0 && offset <= run.outputOffset()) {
            return run;
        }
        return recorder.apply(changes.update(run.withOutputOffset(Math.max(offset, run.outputOffset())))
                        .build())
                .run(run.id());
    }

    private Run recordGrowth(Run run, long size) {
        if (size == run.outputOffset()) return run;
        return recorder.apply(Changes.builder()
                        .update(run.withOutputOffset(size))
                        .event(Event.of(
                                clock.instant(),
                                run.taskId(),
                                run.id(),
                                EventTypes.RUN_OUTPUT,
                                Map.of("stdout_bytes", files.stdoutSize(), "stderr_bytes", files.stderrSize())))
                        .build())
                .run(run.id());
    }

    private Event toEvent(Run run, AgentEvent event) {
        Map<String, Object> data = new LinkedHashMap<>();
        String type =
                switch (event) {
                    case AgentEvent.SessionStarted s -> {
                        put(data, "session_id", s.sessionId());
                        put(data, "model", s.model());
                        yield EventTypes.AGENT_SESSION;
                    }
                    case AgentEvent.Message m -> {
                        put(data, "text", shorten(m.text()));
                        yield EventTypes.AGENT_MESSAGE;
                    }
                    case AgentEvent.ToolCall c -> {
                        put(data, "call_id", c.callId());
                        put(data, "name", c.name());
                        put(data, "input", shorten(c.input()));
                        yield EventTypes.AGENT_TOOL_CALL;
                    }
                    case AgentEvent.ToolResult r -> {
                        put(data, "call_id", r.callId());
                        data.put("failed", r.failed());
                        put(data, "output", shorten(r.output()));
                        yield EventTypes.AGENT_TOOL_RESULT;
                    }
                    case AgentEvent.UsageReport u -> {
                        data.put("input_tokens", u.usage().inputTokens());
                        data.put("output_tokens", u.usage().outputTokens());
                        data.put("cached_tokens", u.usage().cachedTokens());
                        put(data, "cost_usd", u.usage().costUsd());
                        put(data, "model", u.model());
                        data.put("cumulative", u.cumulative());
                        yield EventTypes.AGENT_USAGE;
                    }
                    case AgentEvent.Error e -> {
                        put(data, "message", shorten(e.message()));
                        put(
                                data,
                                "reason",
                                e.reason() == null ? null : e.reason().wireName());
                        put(
                                data,
                                "reset_at",
                                e.resetAt() == null ? null : e.resetAt().toString());
                        yield EventTypes.AGENT_ERROR;
                    }
                    case AgentEvent.Result r -> {
                        put(data, "text", shorten(r.text()));
                        data.put("failed", r.failed());
                        yield EventTypes.AGENT_RESULT;
                    }
                };
        return Event.of(clock.instant(), run.taskId(), run.id(), type, data);
    }

    private static void put(Map<String, Object> data, String key, Object value) {
        if (value != null) data.put(key, value);
    }

    private static String shorten(String text) {
        if (text == null || text.length() <= MAX_TEXT) return text;
        return text.substring(0, MAX_TEXT) + "… (" + (text.length() - MAX_TEXT)
                + " more characters in the run's files)";
    }
}
