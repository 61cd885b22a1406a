package dev.baton.store;

import java.time.Instant;
import java.util.Objects;

/**
 * An API token as the database keeps it: never the secret, which only its holder knows.
 *
 * @param id a short public id, for listing and revoking
 * @param scope the scope's wire name (read, write, admin); the server decides what it allows
 * @param revokedAt when it was revoked, or null while it is valid
 */
public record StoredToken(String id, String name, String scope, Instant createdAt, Instant revokedAt) {
    public StoredToken {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(createdAt, "createdAt");
    }
}
