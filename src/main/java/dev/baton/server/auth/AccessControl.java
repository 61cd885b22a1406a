package dev.baton.server.auth;

import dev.baton.server.ApiError;
import io.javalin.http.Context;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Decides for every request (WebSocket upgrades included) who is calling and whether they may: the
 * Host and Origin checks, the bearer token and its scope, the rate limit. Thread-safe.
 *
 * <p>Tokens come from {@code Authorization: Bearer}, or from the {@code baton_token} cookie that a
 * dashboard visit with {@code ?token=} sets (browsers cannot add headers to EventSource and
 * WebSocket). On a loopback server without {@code requireTokens}, a request without a token acts as
 * the local user, who can do anything the CLI can; a request that does bring a token is held to its
 * scope.
 */
public final class AccessControl {
    public static final String COOKIE = "baton_token";
    public static final String PRINCIPAL = "baton.principal";
    private static final Set<String> LOOPBACK_NAMES = Set.of("localhost", "127.0.0.1", "[::1]", "::1");
    private static final Duration CACHE_FOR = Duration.ofSeconds(5);

    private final ApiTokens tokens;
    private final RateLimiter limiter;
    private final boolean loopback;
    private final boolean requireTokens;
    private final List<String> corsOrigins;
    private final Map<String, Cached> verified = new ConcurrentHashMap<>();

    private record Cached(Optional<ApiToken> token, long until) {}

    public AccessControl(
            ApiTokens tokens, RateLimiter limiter, boolean loopback, boolean requireTokens, List<String> corsOrigins) {
        this.tokens = tokens;
        this.limiter = limiter;
        this.loopback = loopback;
        this.requireTokens = requireTokens || !loopback;
        this.corsOrigins = List.copyOf(corsOrigins);
    }

    /** The before-handler of every HTTP request and WebSocket upgrade. */
    public void check(Context ctx) {
        if (ctx.method().name().equals("OPTIONS") || isPublic(ctx.path())) return;
        checkHost(ctx);
        boolean upgrade = "websocket".equalsIgnoreCase(ctx.header("Upgrade"));
        if (upgrade || !isSafe(ctx.method().name())) checkOrigin(ctx);
        if (dashboardLogin(ctx)) return;
        Principal principal = authenticate(ctx);
        Scope needed = isSafe(ctx.method().name()) ? Scope.READ : Scope.WRITE;
        if (!principal.scope().allows(needed)) {
            throw ApiError.forbidden("this token has the " + principal.scope().wireName() + " scope; "
                    + ctx.method() + " " + ctx.path() + " needs " + needed.wireName()
                    + " (create one with 'baton token create --scope " + needed.wireName() + "')");
        }
        if (!limiter.tryAcquire(principal.key())) {
            throw ApiError.tooManyRequests(
                    "too many requests from this " + (principal.tokenId() == null ? "address" : "token")
                            + "; slow down (the limit is per minute; the server option --rate-limit sets it)");
        }
        ctx.attribute(PRINCIPAL, principal);
    }

    private static boolean isPublic(String path) {
        return path.startsWith("/assets/")
                || path.startsWith("/webjars/")
                || path.equals("/api/openapi.json")
                || path.equals("/favicon.ico");
    }

    private static boolean isSafe(String method) {
        return method.equals("GET") || method.equals("HEAD");
    }

    /** On loopback, only loopback names: a page on another site cannot reach us by DNS rebinding. */
    private void checkHost(Context ctx) {
        if (!loopback) return;
        String host = hostName(ctx.header("Host"));
        if (host == null || !LOOPBACK_NAMES.contains(host)) {
            throw ApiError.forbidden("this server listens on loopback and answers only to localhost or 127.0.0.1;"
                    + " the Host '" + ctx.header("Host") + "' is refused");
        }
    }

    /** Requests that change things (and WebSocket upgrades) from a page of another origin are refused. */
    private void checkOrigin(Context ctx) {
        String origin = ctx.header("Origin");
        if (origin == null) return;
        String self = ctx.scheme() + "://" + ctx.header("Host");
        if (origin.equalsIgnoreCase(self) || corsOrigins.contains(origin)) return;
        throw ApiError.forbidden("requests from pages of " + origin + " are not allowed; start the server with"
                + " --cors-origin " + origin + " to allow them");
    }

    private Principal authenticate(Context ctx) {
        String secret = bearer(ctx.header("Authorization"));
        if (secret == null) secret = ctx.cookie(COOKIE);
        if (secret == null) {
            if (!requireTokens) return Principal.local(ctx.ip());
            throw ApiError.unauthorized("this server needs a token: send 'Authorization: Bearer TOKEN'"
                    + " (create one with 'baton token create --scope read'), or open the dashboard as /?token=TOKEN");
        }
        ApiToken token = verify(secret)
                .orElseThrow(() ->
                        ApiError.unauthorized("the token is unknown or revoked; 'baton token create' makes a new one"));
        return new Principal("token:" + token.id(), token.scope(), token.id());
    }

    /**
     * {@code ?token=} on a dashboard page: remember a valid token in a cookie and send the browser
     * to the same page without it (so it stays out of history and logs). True when redirected.
     */
    private boolean dashboardLogin(Context ctx) {
        String secret = ctx.queryParam("token");
        if (secret == null || !isSafe(ctx.method().name()) || ctx.path().startsWith("/api/")) return false;
        if (verify(secret).isEmpty()) {
            throw ApiError.unauthorized("the token in the address is unknown or revoked");
        }
        ctx.header(
                "Set-Cookie",
                COOKIE + "=" + secret + "; Path=/; HttpOnly; SameSite=Strict"
                        + (ctx.scheme().equals("https") ? "; Secure" : ""));
        ctx.redirect(ctx.path());
        ctx.skipRemainingHandlers();
        return true;
    }

    private Optional<ApiToken> verify(String secret) {
        long now = System.nanoTime();
        Cached cached = verified.get(secret);
        if (cached != null && cached.until() > now) return cached.token();
        Optional<ApiToken> token = tokens.verify(secret);
        if (verified.size() > 10_000) verified.clear();
        verified.put(secret, new Cached(token, now + CACHE_FOR.toNanos()));
        return token;
    }

    private static String bearer(String header) {
        if (header == null) return null;
        if (!header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw ApiError.unauthorized("the Authorization header must be 'Bearer TOKEN'");
        }
        return header.substring(7).strip();
    }

    private static String hostName(String hostHeader) {
        if (hostHeader == null || hostHeader.isBlank()) return null;
        String h = hostHeader.strip().toLowerCase(Locale.ROOT);
        if (h.startsWith("[")) {
            int end = h.indexOf(']');
            return end < 0 ? h : h.substring(0, end + 1);
        }
        int colon = h.indexOf(':');
        return colon < 0 ? h : h.substring(0, colon);
    }
}
