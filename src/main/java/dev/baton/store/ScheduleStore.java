package dev.baton.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Recurring tasks in the home's database. Implementations are thread-safe. */
public interface ScheduleStore {
    /** Stores a new schedule. */
    void insert(Schedule schedule);

    /** Every schedule, oldest first (by creation time, then id). */
    List<Schedule> list();

    Optional<Schedule> find(String id);

    /** @throws dev.baton.core.NotFoundException when there is no schedule with this id */
    void remove(String id);

    /**
     * Records that a schedule fired, only if nobody else recorded a firing since {@code seenFiredAt}
     * (null: it never fired), so two engines on one database fire a schedule once.
     *
     * @return false when another engine fired it first
     */
    boolean markFired(String id, Instant seenFiredAt, Instant firedAt, String taskId);

    /** Remembers the task a firing added, so the next firing can wait until it is finished. */
    void setLastTask(String id, String taskId);
}
