-- API tokens for 'baton serve'. Only a SHA-256 hash of each token is kept: tokens are 256 random
-- bits, so a plain hash is enough (no salt or slow hash is needed against guessing). Portable SQL.

CREATE TABLE api_tokens (
    id         VARCHAR(16)  NOT NULL PRIMARY KEY,
    name       VARCHAR(80)  NOT NULL,
    scope      VARCHAR(16)  NOT NULL,
    token_hash VARCHAR(64)  NOT NULL UNIQUE,
    created_at BIGINT       NOT NULL,
    revoked_at BIGINT
);
