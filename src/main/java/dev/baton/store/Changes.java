package dev.baton.store;

import dev.baton.core.Decision;
import dev.baton.core.Event;
import dev.baton.core.Run;
import dev.baton.core.Task;
import java.util.ArrayList;
import java.util.List;

/** A unit of work for {@link Store#apply(Changes)}: inserts, version-checked updates and events. */
public record Changes(
        List<Task> newTasks,
        List<Task> taskUpdates,
        List<Run> newRuns,
        List<Run> runUpdates,
        List<Decision> newDecisions,
        List<Decision> decisionUpdates,
        List<Event> events) {

    public Changes {
        newTasks = List.copyOf(newTasks);
        taskUpdates = List.copyOf(taskUpdates);
        newRuns = List.copyOf(newRuns);
        runUpdates = List.copyOf(runUpdates);
        newDecisions = List.copyOf(newDecisions);
        decisionUpdates = List.copyOf(decisionUpdates);
        events = List.copyOf(events);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Collects changes; not thread-safe. */
    public static final class Builder {
        private final List<Task> newTasks = new ArrayList<>();
        private final List<Task> taskUpdates = new ArrayList<>();
        private final List<Run> newRuns = new ArrayList<>();
        private final List<Run> runUpdates = new ArrayList<>();
        private final List<Decision> newDecisions = new ArrayList<>();
        private final List<Decision> decisionUpdates = new ArrayList<>();
        private final List<Event> events = new ArrayList<>();

        public Builder insert(Task task) {
            newTasks.add(task);
            return this;
        }

        public Builder update(Task task) {
            taskUpdates.add(task);
            return this;
        }

        public Builder insert(Run run) {
            newRuns.add(run);
            return this;
        }

        public Builder update(Run run) {
            runUpdates.add(run);
            return this;
        }

        public Builder insert(Decision decision) {
            newDecisions.add(decision);
            return this;
        }

        public Builder update(Decision decision) {
            decisionUpdates.add(decision);
            return this;
        }

        public Builder event(Event event) {
            events.add(event);
            return this;
        }

        public Changes build() {
            return new Changes(newTasks, taskUpdates, newRuns, runUpdates, newDecisions, decisionUpdates, events);
        }
    }
}
