package dev.baton.store;

import dev.baton.core.Decision;
import dev.baton.core.Event;
import dev.baton.secret.Redactor;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Writes changes to the store and tells in-process listeners about the events that were stored
 * (progress printing, live streams). Secrets are redacted before anything is stored — tasks' titles,
 * texts and failure details, runs' summaries and failure details, events and decisions — so no reader
 * of the database (CLI, API, dashboard, SSE, webhooks) ever sees them, and the file does not hold
 * them. Thread-safe.
 */
public final class Recorder {
    private final Store store;
    private final Redactor redactor;
    private final List<Consumer<Event>> listeners = new CopyOnWriteArrayList<>();

    /** A recorder that redacts the secrets of this process's environment. */
    public Recorder(Store store) {
        this(store, Redactor.fromEnvironment(System.getenv()));
    }

    public Recorder(Store store, Redactor redactor) {
        this.store = store;
        this.redactor = redactor;
    }

    public Redactor redactor() {
        return redactor;
    }

    public Store store() {
        return store;
    }

    public void subscribe(Consumer<Event> listener) {
        listeners.add(listener);
    }

    public Applied apply(Changes given) {
        Changes changes = redacted(given);
        Applied applied = store.apply(changes);
        if (!listeners.isEmpty()) {
            List<Event> events = changes.events();
            for (int i = 0; i < events.size(); i++) {
                Event e = events.get(i);
                Event stored = new Event(applied.eventIds().get(i), e.at(), e.taskId(), e.runId(), e.type(), e.data());
                listeners.forEach(listener -> listener.accept(stored));
            }
        }
        return applied;
    }

    private Changes redacted(Changes changes) {
        return new Changes(
                changes.newTasks().stream()
                        .map(t -> t.mapText(redactor::redact))
                        .toList(),
                changes.taskUpdates().stream()
                        .map(t -> t.mapText(redactor::redact))
                        .toList(),
                changes.newRuns().stream().map(r -> r.mapText(redactor::redact)).toList(),
                changes.runUpdates().stream()
                        .map(r -> r.mapText(redactor::redact))
                        .toList(),
                changes.newDecisions().stream().map(this::redacted).toList(),
                changes.decisionUpdates().stream().map(this::redacted).toList(),
                changes.events().stream()
                        .map(e -> new Event(e.id(), e.at(), e.taskId(), e.runId(), e.type(), redactor.redact(e.data())))
                        .toList());
    }

    private Decision redacted(Decision d) {
        return new Decision(
                d.id(),
                d.taskId(),
                d.runId(),
                d.kind(),
                redactor.redact(d.question()),
                redactor.redact(d.details()),
                d.status(),
                d.createdAt(),
                d.expiresAt(),
                d.answeredAt(),
                d.answeredBy(),
                d.reason() == null ? null : redactor.redact(d.reason()),
                d.version());
    }
}
