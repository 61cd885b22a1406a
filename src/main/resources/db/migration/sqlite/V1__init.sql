-- Baton's first schema. Instants are epoch milliseconds; enum columns hold wire names
-- (queued, running, exit_code, ...); JSON columns are text. A PostgreSQL migration with the same
-- version lives in db/migration/postgresql.

CREATE TABLE tasks (
    id             VARCHAR(80)  NOT NULL PRIMARY KEY,
    status         VARCHAR(32)  NOT NULL,
    -- copied out of spec so the dispatcher's query can use an index
    priority       INTEGER      NOT NULL,
    agent          VARCHAR(64),
    branch         VARCHAR(255),
    failure_reason VARCHAR(32),
    failure_detail TEXT,
    attempts       INTEGER      NOT NULL,
    not_before     BIGINT,
    created_at     BIGINT       NOT NULL,
    updated_at     BIGINT       NOT NULL,
    version        BIGINT       NOT NULL,
    spec           TEXT         NOT NULL
);

CREATE INDEX tasks_by_dispatch_order ON tasks (status, priority, created_at, id);
CREATE INDEX tasks_by_creation ON tasks (created_at, id);

-- Mirrors spec.dependsOn. depends_on has no foreign key: a dependency on a task that does not
-- exist is allowed and simply never completes.
CREATE TABLE task_deps (
    task_id    VARCHAR(80) NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
    depends_on VARCHAR(80) NOT NULL,
    PRIMARY KEY (task_id, depends_on)
);

CREATE INDEX task_deps_by_dependency ON task_deps (depends_on);

CREATE TABLE runs (
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
);

CREATE INDEX runs_by_status ON runs (status, agent);
CREATE INDEX runs_by_task ON runs (task_id, attempt);

-- AUTOINCREMENT: ids only ever increase and are never reused, even after the newest rows are
-- deleted, so a reader can follow the log by remembering the last id it saw.
CREATE TABLE events (
    id      INTEGER      PRIMARY KEY AUTOINCREMENT,
    at      BIGINT       NOT NULL,
    task_id VARCHAR(80),
    run_id  VARCHAR(85),
    type    VARCHAR(64)  NOT NULL,
    data    TEXT         NOT NULL
);

CREATE INDEX events_by_task ON events (task_id, id);
