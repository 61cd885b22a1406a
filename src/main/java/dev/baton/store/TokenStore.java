package dev.baton.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * API tokens in the home's database, each found by the hash of its secret (the secret itself is
 * never stored). Issuing secrets and hashing them is the server's business. Implementations are
 * thread-safe.
 */
public interface TokenStore {
    /** Stores a new token under the hash of its secret; ids and hashes are unique. */
    void insert(StoredToken token, String secretHash);

    /** The token with this secret hash, if it exists and is not revoked. */
    Optional<StoredToken> findActive(String secretHash);

    /** Every token, revoked ones too, oldest first (by creation time, then id). */
    List<StoredToken> list();

    /** True when at least one token is not revoked. */
    boolean anyActive();

    /**
     * Revokes a token that is still active.
     *
     * @return false when there is no active token with this id
     */
    boolean revoke(String id, Instant at);
}
