package dev.baton.agent;

import java.util.List;

/**
 * Turns the lines of an agent's structured output (JSON lines) into {@link AgentEvent}s. One parser
 * serves one run and may keep state between lines; not thread-safe.
 */
public interface StreamParser {
    /** For agents without a structured stream: reports nothing. */
    StreamParser NONE = line -> List.of();

    /** The events one line of output holds (often none). Must not throw on lines it does not understand. */
    List<AgentEvent> parse(String line);
}
