package dev.baton.server.auth;

import dev.baton.core.InvalidInputException;
import dev.baton.core.NotFoundException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * API tokens in the home's database. A token is {@code baton_} and 256 random bits; only its
 * SHA-256 is stored, so the database never holds a usable secret. Thread-safe.
 */
public final class TokenStore {
    private static final String PREFIX = "baton_";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Jdbi jdbi;
    private final Clock clock;

    public TokenStore(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    /** A new token and its secret (shown once: it cannot be read back). */
    public record Created(ApiToken token, String secret) {}

    public Created create(String name, Scope scope) {
        String label = name == null || name.isBlank() ? scope.wireName() : name.strip();
        if (label.length() > 80 || !label.matches("[\\p{Alnum} ._@:-]+")) {
            throw new InvalidInputException("token name must be 1-80 letters, digits, spaces or . _ @ : - characters");
        }
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String secret = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        String hash = hash(secret);
        String id = hash.substring(0, 12);
        Instant now = clock.instant();
        jdbi.useHandle(h -> h.createUpdate("INSERT INTO api_tokens (id, name, scope, token_hash, created_at)"
                        + " VALUES (:id, :name, :scope, :hash, :at)")
                .bind("id", id)
                .bind("name", label)
                .bind("scope", scope.wireName())
                .bind("hash", hash)
                .bind("at", now.toEpochMilli())
                .execute());
        return new Created(new ApiToken(id, label, scope, now, null), secret);
    }

    /** The active token with this secret, if any. */
    public Optional<ApiToken> verify(String secret) {
        if (secret == null || !secret.startsWith(PREFIX) || secret.length() > 100) return Optional.empty();
        String hash = hash(secret);
        return jdbi.withHandle(
                h -> h.createQuery("SELECT * FROM api_tokens WHERE token_hash = :hash AND revoked_at IS NULL")
                        .bind("hash", hash)
                        .map((rs, ctx) -> row(rs))
                        .findOne());
    }

    public List<ApiToken> list() {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM api_tokens ORDER BY created_at, id")
                .map((rs, ctx) -> row(rs))
                .list());
    }

    /** True when at least one token can be used. */
    public boolean anyActive() {
        return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM api_tokens WHERE revoked_at IS NULL")
                        .mapTo(Long.class)
                        .one())
                > 0;
    }

    public void revoke(String id) {
        int changed = jdbi.withHandle(
                h -> h.createUpdate("UPDATE api_tokens SET revoked_at = :at WHERE id = :id AND revoked_at IS NULL")
                        .bind("at", clock.instant().toEpochMilli())
                        .bind("id", id)
                        .execute());
        if (changed == 0) {
            throw new NotFoundException("no active token with id '" + id + "'; 'baton token list' shows them");
        }
    }

    private static ApiToken row(ResultSet rs) throws SQLException {
        long revoked = rs.getLong("revoked_at");
        Instant revokedAt = rs.wasNull() ? null : Instant.ofEpochMilli(revoked);
        return new ApiToken(
                rs.getString("id"),
                rs.getString("name"),
                Scope.fromWire(rs.getString("scope")),
                Instant.ofEpochMilli(rs.getLong("created_at")),
                revokedAt);
    }

    static String hash(String secret) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
