package dev.baton.store.internal;

import dev.baton.store.StoredToken;
import dev.baton.store.TokenStore;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/** The {@link TokenStore} in an {@code api_tokens} table, in portable SQL. Thread-safe. */
public final class JdbiTokenStore implements TokenStore {
    private final Jdbi jdbi;

    public JdbiTokenStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public void insert(StoredToken token, String secretHash) {
        jdbi.useHandle(h -> h.createUpdate(
                        "INSERT INTO api_tokens (id, name, scope, token_hash, created_at, revoked_at)"
                                + " VALUES (:id, :name, :scope, :hash, :created, :revoked)")
                .bind("id", token.id())
                .bind("name", token.name())
                .bind("scope", token.scope())
                .bind("hash", secretHash)
                .bind("created", token.createdAt().toEpochMilli())
                .bind(
                        "revoked",
                        token.revokedAt() == null ? null : token.revokedAt().toEpochMilli())
                .execute());
    }

    @Override
    public Optional<StoredToken> findActive(String secretHash) {
        return jdbi.withHandle(
                h -> h.createQuery("SELECT * FROM api_tokens WHERE token_hash = :hash AND revoked_at IS NULL")
                        .bind("hash", secretHash)
                        .map((rs, ctx) -> row(rs))
                        .findOne());
    }

    @Override
    public List<StoredToken> list() {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM api_tokens ORDER BY created_at, id")
                .map((rs, ctx) -> row(rs))
                .list());
    }

    @Override
    public boolean anyActive() {
        return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM api_tokens WHERE revoked_at IS NULL")
                        .mapTo(Long.class)
                        .one())
                > 0;
    }

    @Override
    public boolean revoke(String id, Instant at) {
        return jdbi.withHandle(h -> h.createUpdate(
                                "UPDATE api_tokens SET revoked_at = :at WHERE id = :id AND revoked_at IS NULL")
                        .bind("at", at.toEpochMilli())
                        .bind("id", id)
                        .execute())
                == 1;
    }

    private static StoredToken row(ResultSet rs) throws SQLException {
        long revoked = rs.getLong("revoked_at");
        Instant revokedAt = rs.wasNull() ? null : Instant.ofEpochMilli(revoked);
        return new StoredToken(
                rs.getString("id"),
                rs.getString("name"),
                rs.getString("scope"),
                Instant.ofEpochMilli(rs.getLong("created_at")),
                revokedAt);
    }
}
