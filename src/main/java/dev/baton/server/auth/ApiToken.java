package dev.baton.server.auth;

import java.time.Instant;

/**
 * A stored API token (never the secret itself).
 *
 * @param id a short public id, for listing and revoking
 * @param revokedAt when it was revoked, or null while it is valid
 */
public record ApiToken(String id, String name, Scope scope, Instant createdAt, Instant revokedAt) {
    public boolean active() {
        return revokedAt == null;
    }
}
