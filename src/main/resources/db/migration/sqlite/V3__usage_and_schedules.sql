-- Routing that learns: the usage ledger (one row per finished run: tokens, cost, outcome, by agent,
-- day and project), rate limits that outlive a restart, and cron schedules. Portable SQL.

CREATE TABLE usage_ledger (
    run_id         VARCHAR(85)  NOT NULL PRIMARY KEY,
    task_id        VARCHAR(80)  NOT NULL,
    agent          VARCHAR(64)  NOT NULL,
    -- the repository the task worked in, or '' for a scratch task
    project        TEXT         NOT NULL,
    task_type      VARCHAR(64)  NOT NULL,
    -- the UTC day (yyyy-mm-dd) the run finished
    day            VARCHAR(10)  NOT NULL,
    finished_at    BIGINT       NOT NULL,
    status         VARCHAR(32)  NOT NULL,
    failure_reason VARCHAR(32),
    failure_detail TEXT,
    duration_ms    BIGINT       NOT NULL,
    input_tokens   BIGINT       NOT NULL,
    output_tokens  BIGINT       NOT NULL,
    cached_tokens  BIGINT       NOT NULL,
    messages       BIGINT       NOT NULL,
    cost_usd       DOUBLE PRECISION NOT NULL
);

CREATE INDEX usage_by_day ON usage_ledger (day, agent);
CREATE INDEX usage_by_type ON usage_ledger (task_type, agent);

CREATE TABLE agent_rate_limits (
    agent         VARCHAR(64)  NOT NULL PRIMARY KEY,
    limited_until BIGINT       NOT NULL,
    detail        TEXT,
    set_at        BIGINT       NOT NULL
);

CREATE TABLE schedules (
    id            VARCHAR(40)  NOT NULL PRIMARY KEY,
    cron          VARCHAR(120) NOT NULL,
    prompt        TEXT         NOT NULL,
    agent         VARCHAR(64),
    repo          TEXT,
    -- hours when unattended work may start, e.g. 22:00-06:00, or null for any time
    start_window  VARCHAR(11),
    created_at    BIGINT       NOT NULL,
    last_fired_at BIGINT,
    last_task_id  VARCHAR(80)
);
