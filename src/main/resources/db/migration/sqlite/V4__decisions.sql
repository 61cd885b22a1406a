-- Decisions: questions for a person (approve a start, a risky command, a merge; settle a
-- conflict). Pending ones survive restarts; an answer keeps who, when and why. Portable SQL.

CREATE TABLE decisions (
    id          VARCHAR(40)  NOT NULL PRIMARY KEY,
    task_id     VARCHAR(80)  NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
    run_id      VARCHAR(85),
    kind        VARCHAR(32)  NOT NULL,
    question    TEXT         NOT NULL,
    details     TEXT         NOT NULL,
    status      VARCHAR(16)  NOT NULL,
    created_at  BIGINT       NOT NULL,
    expires_at  BIGINT,
    answered_at BIGINT,
    answered_by VARCHAR(255),
    reason      TEXT,
    version     BIGINT       NOT NULL
);

CREATE INDEX decisions_by_status ON decisions (status, created_at, id);
CREATE INDEX decisions_by_task ON decisions (task_id, created_at);
