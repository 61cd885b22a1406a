package dev.baton.secret;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RedactorTest {
    private final Redactor redactor = Redactor.fromEnvironment(Map.of(
            "OPENAI_API_KEY", "not-shaped-like-anything-1234",
            "DB_PASSWORD", "hunter2hunter2",
            "GH_TOKEN", "short",
            "HOME", "/home/alice/with-a-long-path"));

    @Test
    void hidesTheValuesOfSecretLookingVariables() {
        assertThat(redactor.redact("key=not-shaped-like-anything-1234; pw hunter2hunter2!"))
                .isEqualTo("key=[redacted]; pw [redacted]!");
    }

    @Test
    void leavesShortValuesAndOrdinaryVariablesAlone() {
        assertThat(redactor.redact("token short in /home/alice/with-a-long-path"))
                .isEqualTo("token short in /home/alice/with-a-long-path");
    }

    @Test
    void hidesWellKnownCredentialShapes() {
        assertThat(redactor.redact("use sk-ant-api03-abcdefghijklmnopqrstuv and ghp_0123456789abcdefghijABCDEFGHIJ"))
                .isEqualTo("use [redacted] and [redacted]");
        assertThat(redactor.redact("AKIAIOSFODNN7EXAMPLE / Authorization: Bearer abcdefghijklmnop.qrstuv"))
                .isEqualTo("[redacted] / Authorization: [redacted]");
        assertThat(redactor.redact("a sk-short one")).isEqualTo("a sk-short one");
        assertThat(redactor.redact("BEARER abcdefghijklmnop.qrstuv")).isEqualTo("[redacted]");
        assertThat(redactor.redact("x: bEaReR abcdefghijklmnop.qrstuv")).isEqualTo("x: [redacted]");
        assertThat(redactor.redact("github_pat_0123456789abcdefghij_KLMNOP xoxb-0123456789-abcdef"))
                .isEqualTo("[redacted] [redacted]");
        assertThat(redactor.redact("glpat-0123456789abcdefghij AIza012345678901234567890123456789ab"))
                .isEqualTo("[redacted] [redacted]");
        assertThat(redactor.redact("nothing secret here, though a bearer of news"))
                .isEqualTo("nothing secret here, though a bearer of news");
    }

    @Test
    void redactsNestedStructuredData() {
        Map<String, Object> data =
                Map.of("text", "hunter2hunter2", "n", 3, "nested", Map.of("list", List.of("ok", "hunter2hunter2")));
        assertThat(redactor.redact(data))
                .containsEntry("text", "[redacted]")
                .containsEntry("n", 3)
                .containsEntry("nested", Map.of("list", List.of("ok", "[redacted]")));
    }

    @Test
    void hidesJwtsPrivateKeyBlocksUrlPasswordsAndWebhooks() {
        assertThat(redactor.redact("t=eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2lnbmF0dXJl ok"))
                .isEqualTo("t=[redacted] ok");
        assertThat(redactor.redact(
                        "a\n-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaA\n-----END OPENSSH PRIVATE KEY-----\nz"))
                .isEqualTo("a\n[redacted]\nz");
        assertThat(redactor.redact("cut -----BEGIN PRIVATE KEY-----\nMIIEvQ")).isEqualTo("cut [redacted]");
        assertThat(redactor.redact("DATABASE_URL=postgres://app:pa55word@db:5432/x"))
                .isEqualTo("DATABASE_URL=postgres://app:[redacted]@db:5432/x");
        assertThat(redactor.redact("post to https://hooks.slack.com/services/T000/B000/XXXXXXXX now"))
                .isEqualTo("post to [redacted] now");
        assertThat(redactor.redact("see https://example.com/a:b and user@host"))
                .isEqualTo("see https://example.com/a:b and user@host");
    }

    @Test
    void aPasswordInAUrlOfTheEnvironmentIsHiddenWhereverItShows() {
        Redactor fromUrl =
                Redactor.fromEnvironment(Map.of("DATABASE_URL", "postgres://app:correct-horse-battery@db/x"));
        assertThat(fromUrl.redact("password is correct-horse-battery")).isEqualTo("password is [redacted]");
    }
}
