package dev.baton.store.internal;

import dev.baton.core.NotFoundException;
import dev.baton.store.Schedule;
import dev.baton.store.ScheduleStore;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/** The {@link ScheduleStore} in a {@code schedules} table, in portable SQL. Thread-safe. */
public final class JdbiScheduleStore implements ScheduleStore {
    private final Jdbi jdbi;

    public JdbiScheduleStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public void insert(Schedule s) {
        jdbi.useHandle(h -> h.createUpdate("INSERT INTO schedules (id, cron, prompt, agent, repo, start_window,"
                        + " created_at, last_fired_at, last_task_id) VALUES (:id, :cron, :prompt, :agent, :repo,"
                        + " :window, :created, :fired, :task)")
                .bind("id", s.id())
                .bind("cron", s.cron())
                .bind("prompt", s.prompt())
                .bind("agent", s.agent())
                .bind("repo", s.repo())
                .bind("window", s.window())
                .bind("created", s.createdAt().toEpochMilli())
                .bind("fired", s.lastFiredAt() == null ? null : s.lastFiredAt().toEpochMilli())
                .bind("task", s.lastTaskId())
                .execute());
    }

    @Override
    public List<Schedule> list() {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM schedules ORDER BY created_at, id")
                .map((rs, ctx) -> row(rs))
                .list());
    }

    @Override
    public Optional<Schedule> find(String id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM schedules WHERE id = :id")
                .bind("id", id)
                .map((rs, ctx) -> row(rs))
                .findOne());
    }

    @Override
    public void remove(String id) {
        int removed = jdbi.withHandle(h -> h.createUpdate("DELETE FROM schedules WHERE id = :id")
                .bind("id", id)
                .execute());
        if (removed == 0) {
            throw new NotFoundException("no schedule '" + id + "'; 'baton schedule ls' lists them");
        }
    }

    @Override
    public boolean markFired(String id, Instant seenFiredAt, Instant firedAt, String taskId) {
        return jdbi.withHandle(h -> {
                    var update = h.createUpdate("UPDATE schedules SET last_fired_at = :fired, last_task_id = :task"
                                    + " WHERE id = :id AND "
                                    + (seenFiredAt == null ? "last_fired_at IS NULL" : "last_fired_at = :seen"))
                            .bind("id", id)
                            .bind("fired", firedAt.toEpochMilli())
                            .bind("task", taskId);
                    if (seenFiredAt != null) update.bind("seen", seenFiredAt.toEpochMilli());
                    return update.execute();
                })
                == 1;
    }

    @Override
    public void setLastTask(String id, String taskId) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE schedules SET last_task_id = :task WHERE id = :id")
                .bind("id", id)
                .bind("task", taskId)
                .execute());
    }

    private static Schedule row(ResultSet rs) throws SQLException {
        long fired = rs.getLong("last_fired_at");
        boolean neverFired = rs.wasNull();
        return new Schedule(
                rs.getString("id"),
                rs.getString("cron"),
                rs.getString("prompt"),
                rs.getString("agent"),
                rs.getString("repo"),
                rs.getString("start_window"),
                Instant.ofEpochMilli(rs.getLong("created_at")),
                neverFired ? null : Instant.ofEpochMilli(fired),
                rs.getString("last_task_id"));
    }
}
