package dev.baton.agent;

import dev.baton.core.FailureReason;
import dev.baton.core.Usage;
import java.time.Instant;

/** One thing an agent reported in its structured output, as Baton understands it. */
public sealed interface AgentEvent {

    /** The agent's session began; its id lets a follow-up resume it. */
    record SessionStarted(String sessionId, String model) implements AgentEvent {}

    /** Text the agent said. */
    record Message(String text) implements AgentEvent {}

    /** The agent called a tool. {@code input} is the tool input as JSON text. */
    record ToolCall(String callId, String name, String input) implements AgentEvent {}

    /** A tool's answer (output shortened to a few KiB; the full stream stays in the run's files). */
    record ToolResult(String callId, boolean failed, String output) implements AgentEvent {}

    /** Tokens and cost reported by the agent, for one turn or for the whole run. */
    record UsageReport(Usage usage, String model, boolean cumulative) implements AgentEvent {}

    /**
     * An error the agent reported. {@code reason} classifies it when it is recognisably a rate
     * limit, an auth problem and the like; {@code resetAt} is when a limit lifts, if the agent said.
     */
    record Error(String message, FailureReason reason, Instant resetAt) implements AgentEvent {}

    /** The agent's final answer. {@code failed} when it says the run did not succeed. */
    record Result(String text, boolean failed) implements AgentEvent {}
}
