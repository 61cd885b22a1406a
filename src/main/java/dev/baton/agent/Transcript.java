package dev.baton.agent;

import dev.baton.core.FailureReason;
import dev.baton.core.Usage;
import java.time.Instant;

/**
 * What a run's agent events add up to: its session, last words, final result, usage and the first
 * classified error. Built as the events arrive; not thread-safe.
 */
public final class Transcript {
    private String sessionId;
    private String model;
    private String lastMessage;
    private AgentEvent.Result result;
    private Usage turnUsage = Usage.NONE;
    private Usage cumulativeUsage;
    private AgentEvent.Error firstClassifiedError;
    private AgentEvent.Error lastError;
    private int toolCalls;

    public void add(AgentEvent event) {
        switch (event) {
            case AgentEvent.SessionStarted s -> {
                if (s.sessionId() != null) sessionId = s.sessionId();
                if (s.model() != null) model = s.model();
            }
            case AgentEvent.Message m -> lastMessage = m.text();
            case AgentEvent.ToolCall c -> toolCalls++;
            case AgentEvent.ToolResult r -> {}
            case AgentEvent.UsageReport u -> {
                if (u.cumulative()) cumulativeUsage = u.usage();
                else turnUsage = turnUsage.plus(u.usage());
                if (u.model() != null && model == null) model = u.model();
            }
            case AgentEvent.Error e -> {
                lastError = e;
                if (e.reason() != null && firstClassifiedError == null) firstClassifiedError = e;
            }
            case AgentEvent.Result r -> result = r;
        }
    }

    public String sessionId() {
        return sessionId;
    }

    public String model() {
        return model;
    }

    /** The final result text, else the last message. */
    public String summary() {
        if (result != null && result.text() != null && !result.text().isBlank()) return result.text();
        return lastMessage;
    }

    public AgentEvent.Result result() {
        return result;
    }

    /** A whole-run figure when the agent gave one, else the sum of its per-turn figures. */
    public Usage usage() {
        return cumulativeUsage != null ? cumulativeUsage : turnUsage;
    }

    public int toolCalls() {
        return toolCalls;
    }

    public AgentEvent.Error lastError() {
        return lastError;
    }

    /** The first error the adapter could classify (rate limit, auth, ...), or null. */
    public FailureReason classifiedReason() {
        return firstClassifiedError == null ? null : firstClassifiedError.reason();
    }

    public Instant resetAt() {
        return firstClassifiedError == null ? null : firstClassifiedError.resetAt();
    }
}
