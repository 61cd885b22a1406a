package dev.baton.testing.model;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * The turns a scripted model gives, in order, and a record of the requests it got. Requests a
 * protocol marks as side requests (titles, routing) do not consume turns. Thread-safe.
 */
public final class Script {
    private final Deque<Turn> turns;
    private final Turn whenExhausted;
    private final List<String> requests = new ArrayList<>();

    private Script(List<Turn> turns, Turn whenExhausted) {
        this.turns = new ArrayDeque<>(turns);
        this.whenExhausted = whenExhausted;
    }

    /** Gives the turns in order, then answers "done" to anything else. */
    public static Script of(Turn... turns) {
        return new Script(List.of(turns), Turn.text("done"));
    }

    public synchronized Turn next() {
        return turns.isEmpty() ? whenExhausted : turns.poll();
    }

    public synchronized int remaining() {
        return turns.size();
    }

    /** Keeps a request body (for assertions such as "the follow-up carried the earlier session"). */
    public synchronized void record(String body) {
        requests.add(body);
    }

    public synchronized List<String> requests() {
        return List.copyOf(requests);
    }
}
