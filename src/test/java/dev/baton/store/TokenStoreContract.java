package dev.baton.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** What every {@link TokenStore} adapter must do. */
public abstract class TokenStoreContract extends DatabaseContract {
    private static final Instant T0 = Instant.parse("2025-03-01T10:00:00Z");

    private TokenStore tokens() {
        return database.tokens();
    }

    @Test
    void findsAnActiveTokenByTheHashOfItsSecret() {
        StoredToken token = new StoredToken("abc123", "ci", "write", T0, null);
        tokens().insert(token, "hash-1");

        assertThat(tokens().findActive("hash-1")).contains(token);
        assertThat(tokens().findActive("hash-2")).isEmpty();
        assertThat(tokens().anyActive()).isTrue();
    }

    @Test
    void aRevokedTokenIsListedButNeverFound() {
        tokens().insert(new StoredToken("abc123", "ci", "write", T0, null), "hash-1");

        assertThat(tokens().revoke("abc123", T0.plusSeconds(5))).isTrue();

        assertThat(tokens().findActive("hash-1")).isEmpty();
        assertThat(tokens().anyActive()).isFalse();
        assertThat(tokens().list()).containsExactly(new StoredToken("abc123", "ci", "write", T0, T0.plusSeconds(5)));
    }

    @Test
    void revokingATokenThatIsNotActiveChangesNothing() {
        tokens().insert(new StoredToken("abc123", "ci", "write", T0, null), "hash-1");
        tokens().revoke("abc123", T0.plusSeconds(5));

        assertThat(tokens().revoke("abc123", T0.plusSeconds(9)))
                .as("revoked already")
                .isFalse();
        assertThat(tokens().revoke("nope", T0.plusSeconds(9)))
                .as("no such token")
                .isFalse();
        assertThat(tokens().list().getFirst().revokedAt()).isEqualTo(T0.plusSeconds(5));
    }

    @Test
    void listsTokensOldestFirstThenById() {
        assertThat(tokens().list()).isEmpty();
        assertThat(tokens().anyActive()).isFalse();
        tokens().insert(new StoredToken("bbb", "b", "read", T0.plusSeconds(1), null), "hash-b");
        tokens().insert(new StoredToken("ccc", "c", "admin", T0, null), "hash-c");
        tokens().insert(new StoredToken("aaa", "a", "read", T0.plusSeconds(1), null), "hash-a");

        assertThat(tokens().list()).extracting(StoredToken::id).containsExactly("ccc", "aaa", "bbb");
    }

    @Test
    void aTokenIsSeenByEveryInstanceOnTheDatabase() {
        tokens().insert(new StoredToken("abc123", "ci", "admin", T0, null), "hash-1");

        assertThat(openAnother().tokens().findActive("hash-1")).isPresent();
    }
}
