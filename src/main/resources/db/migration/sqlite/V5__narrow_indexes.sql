-- Fewer pages written per transaction. Every index a row is in costs a page in the write-ahead
-- log whenever an indexed column changes, so the hot ones now cover only the rows their queries
-- look for (partial indexes): a task leaves tasks_queued when it is claimed and is in no status
-- index while it runs or after it ends; a run is in runs_active only while it may be alive.
-- The queries that use them name the statuses as literals, which SQLite needs to pick a partial
-- index.

DROP INDEX tasks_by_dispatch_order;
CREATE INDEX tasks_queued ON tasks (priority, created_at, id) WHERE status = 'queued';
CREATE INDEX tasks_retrying ON tasks (not_before, created_at, id) WHERE status = 'retrying';
CREATE INDEX tasks_waiting_approval ON tasks (created_at, id) WHERE status = 'waiting_approval';

DROP INDEX runs_by_status;
CREATE INDEX runs_active ON runs (agent, started_at, id) WHERE status IN ('starting', 'running');

-- The events table without AUTOINCREMENT, which wrote the sqlite_sequence table in every
-- transaction that added an event. Ids still only increase: a new row gets the largest id + 1,
-- and Baton never deletes events (ids would be reused only if the newest rows were deleted).
CREATE TABLE events_v5 (
    id      INTEGER      PRIMARY KEY,
    at      BIGINT       NOT NULL,
    task_id VARCHAR(80),
    run_id  VARCHAR(85),
    type    VARCHAR(64)  NOT NULL,
    data    TEXT         NOT NULL
);
INSERT INTO events_v5 (id, at, task_id, run_id, type, data) SELECT id, at, task_id, run_id, type, data FROM events;
DROP TABLE events;
ALTER TABLE events_v5 RENAME TO events;
CREATE INDEX events_by_task ON events (task_id, id);
