package dev.baton.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.core.InvalidInputException;
import dev.baton.server.auth.Scope;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tokens, scopes, the loopback rule, CORS and rate limits, over real HTTP. */
class AuthTest {
    @TempDir
    Path home;

    @Test
    void listeningOffLoopbackWithoutTokensIsRefused() {
        var baton = new dev.baton.testing.TestBaton(home, 1, 1);
        try {
            assertThatThrownBy(() -> BatonServer.start(
                            baton.baton,
                            EngineControl.NONE,
                            ServerConfig.defaults().withHost("0.0.0.0").withPort(0)))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("refusing to listen on 0.0.0.0")
                    .hasMessageContaining("baton token create --scope admin");
            assertThatThrownBy(() -> BatonServer.start(
                            baton.baton,
                            EngineControl.NONE,
                            ServerConfig.defaults().withPort(0).withRequireTokens(true)))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("baton token create");
        } finally {
            baton.close();
        }
    }

    @Test
    void offLoopbackEveryCallNeedsATokenWithTheRightScope() {
        String read = ServerFixture.createToken(home, Scope.READ);
        String write = ServerFixture.createToken(home, Scope.WRITE);
        try (ServerFixture f = new ServerFixture(
                home, ServerConfig.defaults().withHost("0.0.0.0").withPort(0))) {
            var anonymous = f.get("/api/status");
            assertThat(anonymous.status()).isEqualTo(401);
            assertThat(anonymous.error()).contains("baton token create");
            assertThat(f.get("/").status()).isEqualTo(401);
            assertThat(f.get("/metrics").status()).isEqualTo(401);

            f.token = "baton_not-a-real-token";
            assertThat(f.get("/api/status").error()).contains("unknown or revoked");

            f.token = read;
            assertThat(f.get("/api/status").status()).isEqualTo(200);
            assertThat(f.get("/metrics").status()).isEqualTo(200);
            var readPost = f.post("/api/tasks", "{\"type\": \"shell\", \"text\": \"echo no\"}");
            assertThat(readPost.status()).isEqualTo(403);
            assertThat(readPost.error()).contains("read scope").contains("needs write");

            f.token = write;
            assertThat(f.post("/api/tasks", "{\"type\": \"shell\", \"text\": \"echo yes\"}")
                            .status())
                    .isEqualTo(201);
            assertThat(f.get("/api/openapi.json").status()).isEqualTo(200);
        }
    }

    @Test
    void onLoopbackATokenIsStillHeldToItsScope() {
        String read = ServerFixture.createToken(home, Scope.READ);
        try (ServerFixture f = new ServerFixture(home)) {
            assertThat(f.post("/api/tasks", "{\"type\": \"shell\", \"text\": \"echo local user\"}")
                            .status())
                    .isEqualTo(201);
            f.token = read;
            assertThat(f.post("/api/tasks", "{\"type\": \"shell\", \"text\": \"echo no\"}")
                            .status())
                    .isEqualTo(403);
        }
    }

    @Test
    void theDashboardTakesATokenOnceAndKeepsItInACookie() {
        String admin = ServerFixture.createToken(home, Scope.ADMIN);
        try (ServerFixture f =
                new ServerFixture(home, ServerConfig.defaults().withPort(0).withRequireTokens(true))) {
            var login = f.get("/?token=" + admin);
            assertThat(login.status()).isEqualTo(302);
            assertThat(login.raw().headers().firstValue("Location")).contains("/");
            String cookie = login.raw().headers().firstValue("Set-Cookie").orElseThrow();
            assertThat(cookie).contains("HttpOnly", "SameSite=Strict");
            var page = f.send(
                    f.request("/").header("Cookie", cookie.split(";")[0]).GET().build());
            assertThat(page.status()).isEqualTo(200);
            assertThat(page.body()).contains("<h2>New task</h2>");
            assertThat(f.get("/?token=baton_wrong").status()).isEqualTo(401);
        }
    }

    @Test
    void requestsAreRateLimitedPerCaller() {
        try (ServerFixture f =
                new ServerFixture(home, ServerConfig.defaults().withPort(0).withRequestsPerMinute(5), false)) {
            for (int i = 0; i < 5; i++)
                assertThat(f.get("/api/status").status()).isEqualTo(200);
            var limited = f.get("/api/status");
            assertThat(limited.status()).isEqualTo(429);
            assertThat(limited.error()).contains("too many requests");
            assertThat(limited.raw().headers().firstValue("Retry-After")).isPresent();
        }
    }

    @Test
    void corsAllowsTheConfiguredOriginsOnly() {
        try (ServerFixture f = new ServerFixture(
                home, ServerConfig.defaults().withPort(0).withCorsOrigins(List.of("https://ops.example.com")), false)) {
            var allowed = f.send(f.request("/api/status")
                    .header("Origin", "https://ops.example.com")
                    .GET()
                    .build());
            assertThat(allowed.raw().headers().firstValue("Access-Control-Allow-Origin"))
                    .contains("https://ops.example.com");
            var post = f.send(f.request("/api/tasks")
                    .header("Origin", "https://ops.example.com")
                    .header("Content-Type", "application/json")
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString(
                            "{\"type\": \"shell\", \"text\": \"echo cors\"}"))
                    .build());
            assertThat(post.status()).isEqualTo(201);
            var other = f.send(f.request("/api/status")
                    .header("Origin", "https://evil.example")
                    .GET()
                    .build());
            assertThat(other.raw().headers().firstValue("Access-Control-Allow-Origin"))
                    .isEmpty();
        }
        assertThatThrownBy(() -> ServerConfig.defaults().withCorsOrigins(List.of("*")))
                .hasMessageContaining("no wildcard");
    }
}
