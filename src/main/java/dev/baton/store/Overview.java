package dev.baton.store;

import dev.baton.core.RunId;
import dev.baton.core.TaskStatus;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Figures about the whole home that the {@link Store}'s record-at-a-time reads would make slow:
 * counts, the newest event, the runs of a time window. For the server's status, metrics and
 * charts. Implementations are thread-safe.
 */
public interface Overview {
    /** The id of the newest event, 0 when there is none. */
    long latestEventId();

    /** How many tasks are in each status (every status present, zero when none). */
    Map<TaskStatus, Long> taskCounts();

    /** Ids of the runs started at or after {@code since}, oldest first (then by id), at most {@code limit}. */
    List<RunId> runsStartedSince(Instant since, int limit);
}
