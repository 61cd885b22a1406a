package dev.baton.server.auth;

/**
 * Who is calling.
 *
 * @param key what rate limits are counted by: the token id, or the client address
 * @param tokenId the token used, or null for the local user on a loopback server without tokens
 */
public record Principal(String key, Scope scope, String tokenId) {
    public static Principal local(String address) {
        return new Principal("local:" + address, Scope.ADMIN, null);
    }
}
