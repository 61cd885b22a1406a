package dev.baton.store;

import dev.baton.core.Decision;
import dev.baton.core.DecisionId;
import dev.baton.core.DecisionStatus;
import dev.baton.core.Event;
import dev.baton.core.Run;
import dev.baton.core.RunId;
import dev.baton.core.Task;
import dev.baton.core.TaskId;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The port to Baton's database. Implementations are thread-safe and may be shared by several
 * processes on the same database (SQLite file, PostgreSQL server). Every write goes through
 * {@link #apply(Changes)}, which is atomic and checks versions.
 */
public interface Store extends AutoCloseable {

    /**
     * Applies all changes in one transaction. Task and run updates must carry the version they
     * were read with; a mismatch aborts everything with {@link dev.baton.core.StaleVersionException}.
     * Inserting a task whose id exists fails with {@link dev.baton.core.InvalidInputException}.
     *
     * <p>Writes in this order: new tasks (with their {@code dependsOn} rows), task updates, new runs,
     * run updates, new decisions, decision updates (version-checked like tasks), events. An update stores the whole record as given, except what is fixed
     * when the record is inserted — a task's spec and creation time, a run's task, attempt and
     * agent — and a run's lease columns ({@code nodeId}, {@code fence}, {@code leaseUntil}), which
     * only {@link #renewLeases} and {@link #takeOver} change; the returned record has their stored
     * values. When any change fails, nothing of the batch is stored.
     *
     * <p>Instants are kept to the millisecond. Event ids increase in the order the events are given
     * and are never reused.
     *
     * @return the records as stored (updates with version + 1, inserts with the version they were
     *     given), and the ids given to the events in the order of {@link Changes#events()}
     * @throws dev.baton.core.StaleVersionException also when a run with the id of a new run exists
     *     (another supervisor started that attempt)
     * @throws dev.baton.core.NotFoundException when an updated task or run does not exist
     */
    Applied apply(Changes changes);

    Optional<Task> findTask(TaskId id);

    /** Tasks, newest first (by creation time, then id), filtered by the query. */
    List<Task> listTasks(TaskQuery query);

    /**
     * Queued tasks that may start now: {@code notBefore} is null or not after {@code now}, and every
     * dependency is completed. Ordered by priority (1 first), then creation time, then id. A
     * dependency on a task that does not exist is never completed. A limit of 0 gives an empty list.
     */
    List<Task> dispatchable(Instant now, int limit);

    /**
     * Retrying tasks whose backoff has passed ({@code notBefore} null or not after {@code now}),
     * ordered by {@code notBefore}, then creation time, then id.
     */
    List<Task> dueRetries(Instant now);

    /**
     * Queued or waiting-for-approval tasks with at least one dependency that failed or was
     * cancelled, oldest first.
     */
    List<Task> blockedByFailedDependencies();

    /** Ids among {@code ids} that do not exist, in the order given, each once. */
    List<TaskId> missingTasks(List<TaskId> ids);

    Optional<Run> findRun(RunId id);

    /** The runs of a task, first attempt first. */
    List<Run> runsOf(TaskId task);

    /** Runs that are starting or running, on any node, oldest first. */
    List<Run> activeRuns();

    /** Starting or running runs per agent name; agents without any are absent. */
    Map<String, Integer> activeRunsByAgent();

    /**
     * Extends the lease of every active run supervised by {@code nodeId}. Does not change run
     * versions.
     *
     * @return how many leases were renewed
     */
    int renewLeases(String nodeId, Instant until);

    /**
     * Takes over the supervision of an active run when its lease has expired (or is already held by
     * {@code nodeId}): the owner becomes {@code nodeId}, the fence and version go up, the lease
     * lasts until {@code until}. A lease that ends before {@code now}, or no lease at all, has
     * expired; one that ends exactly at {@code now} has not. The check and the change are one
     * atomic step, so of two nodes taking over the same run at most one succeeds. Finished runs are
     * never taken over.
     *
     * @return the run as taken over, or empty when another node holds a live lease
     */
    Optional<Run> takeOver(RunId id, String nodeId, Instant now, Instant until);

    /**
     * Takes over an active run from a node known to be dead (its process is gone), whatever its
     * lease says: the owner becomes {@code nodeId}, the fence and version go up.
     *
     * @return the run as taken over, or empty when the run is no longer held by {@code deadNode}
     */
    Optional<Run> takeOverFrom(RunId id, String deadNode, String nodeId, Instant until);

    Optional<Decision> findDecision(DecisionId id);

    /**
     * Decisions in the given statuses (all when the set is empty), oldest first (by creation time,
     * then id), at most {@code limit}.
     */
    List<Decision> listDecisions(Set<DecisionStatus> statuses, int limit);

    /** A task's decisions, oldest first. */
    List<Decision> decisionsOf(TaskId task);

    /** Events with an id greater than {@code afterId}, oldest first, at most {@code limit}. */
    List<Event> eventsAfter(long afterId, int limit);

    /** A task's events with an id greater than {@code afterId}, oldest first. */
    List<Event> eventsOf(TaskId task, long afterId, int limit);

    @Override
    void close();
}
