package dev.baton.engine;

import dev.baton.core.Event;
import dev.baton.store.Applied;
import dev.baton.store.Changes;
import dev.baton.store.Store;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Writes changes to the store and tells in-process listeners about the events that were stored
 * (progress printing, live streams). Thread-safe.
 */
public final class Recorder {
    private final Store store;
    private final List<Consumer<Event>> listeners = new CopyOnWriteArrayList<>();

    public Recorder(Store store) {
        this.store = store;
    }

    public Store store() {
        return store;
    }

    public void subscribe(Consumer<Event> listener) {
        listeners.add(listener);
    }

    public Applied apply(Changes changes) {
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
}
