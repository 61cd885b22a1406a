package dev.baton.server.auth;

import dev.baton.core.InvalidInputException;
import dev.baton.core.NotFoundException;
import dev.baton.store.StoredToken;
import dev.baton.store.TokenStore;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * API tokens: issued, checked, listed and revoked over the home's {@link TokenStore}. A token is
 * {@code baton_} and 256 random bits; only its SHA-256 is stored, so the database never holds a
 * usable secret. Thread-safe.
 */
public final class ApiTokens {
    private static final String PREFIX = "baton_";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final TokenStore tokens;
    private final Clock clock;

    public ApiTokens(TokenStore tokens, Clock clock) {
        this.tokens = tokens;
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
        tokens.insert(new StoredToken(id, label, scope.wireName(), now, null), hash);
        return new Created(new ApiToken(id, label, scope, now, null), secret);
    }

    /** The active token with this secret, if any. */
    public Optional<ApiToken> verify(String secret) {
        if (secret == null || !secret.startsWith(PREFIX) || secret.length() > 100) return Optional.empty();
        return tokens.findActive(hash(secret)).map(ApiTokens::token);
    }

    public List<ApiToken> list() {
        return tokens.list().stream().map(ApiTokens::token).toList();
    }

    /** True when at least one token can be used. */
    public boolean anyActive() {
        return tokens.anyActive();
    }

    public void revoke(String id) {
        if (!tokens.revoke(id, clock.instant())) {
            throw new NotFoundException("no active token with id '" + id + "'; 'baton token list' shows them");
        }
    }

    private static ApiToken token(StoredToken stored) {
        return new ApiToken(
                stored.id(), stored.name(), Scope.fromWire(stored.scope()), stored.createdAt(), stored.revokedAt());
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
