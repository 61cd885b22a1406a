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

-- Runs clustered by id, without the rowid table and its separate id index; a task's runs are a
-- range of ids (TASK.ATTEMPT), so runs_by_task goes too. Nothing references runs.
CREATE TABLE runs_v5 (
    id             VARCHAR(85)  NOT NULL PRIMARY KEY,
    task_id        VARCHAR(80)  NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
    attempt        INTEGER      NOT NULL,
    agent          VARCHAR(64)  NOT NULL,
    status         VARCHAR(32)  NOT NULL,
    node_id        VARCHAR(255),
    fence          BIGINT       NOT NULL,
    pid            BIGINT,
    process_start  BIGINT,
    run_dir        TEXT,
    workdir        TEXT,
    branch         VARCHAR(255),
    started_at     BIGINT       NOT NULL,
    finished_at    BIGINT,
    exit_code      INTEGER,
    failure_reason VARCHAR(32),
    failure_detail TEXT,
    lease_until    BIGINT,
    output_offset  BIGINT       NOT NULL,
    result         TEXT         NOT NULL,
    version        BIGINT       NOT NULL
) WITHOUT ROWID;
INSERT INTO runs_v5 SELECT id, task_id, attempt, agent, status, node_id, fence, pid, process_start, run_dir,
    workdir, branch, started_at, finished_at, exit_code, failure_reason, failure_detail, lease_until,
    output_offset, result, version FROM runs;
DROP TABLE runs;
ALTER TABLE runs_v5 RENAME TO runs;
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
