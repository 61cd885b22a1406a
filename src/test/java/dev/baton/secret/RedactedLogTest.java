package dev.baton.secret;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RedactedLogTest {
    static final String TOKEN = "supersecret-service-token-4711";
    static final String LOG = "start ünïcode\n"
            + "token " + TOKEN + " and sk-ant-api03-abcdefghijklmnopqrstuvwx end\n"
            + "-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEAsecretbody0123\nMIIEsecondline\n"
            + "-----END RSA PRIVATE KEY-----\n"
            + "done\n";

    @TempDir
    Path dir;

    private final RedactedLog log = new RedactedLog(Redactor.fromEnvironment(Map.of("MY_SERVICE_TOKEN", TOKEN)));

    @Test
    void chunksOfAnySizeJoinedShowTheWholeLogRedactedAndNoSecret() throws Exception {
        Path file = Files.writeString(dir.resolve("stdout.log"), LOG);
        String whole = log.read(file, 0, 1 << 20, true).text();
        assertThat(whole).isEqualTo("start ünïcode\ntoken [redacted] and [redacted] end\n[redacted]\ndone\n");
        for (int limit = 1; limit <= 40; limit++) {
            StringBuilder joined = new StringBuilder();
            long offset = 0;
            while (true) {
                RedactedLog.Chunk chunk = log.read(file, offset, limit, true);
                joined.append(chunk.text());
                if (chunk.nextOffset() >= chunk.size()) break;
                assertThat(chunk.nextOffset()).isGreaterThan(offset);
                offset = chunk.nextOffset();
            }
            assertThat(joined.toString()).as("limit " + limit).isEqualTo(whole);
        }
    }

    @Test
    void aReadFromInsideASecretShowsNoneOfIt() throws Exception {
        Path file = Files.writeString(dir.resolve("stdout.log"), LOG);
        long inside = LOG.substring(0, LOG.indexOf(TOKEN)).getBytes(java.nio.charset.StandardCharsets.UTF_8).length + 5;
        assertThat(log.read(file, inside, 1 << 20, true).text()).startsWith(" and [redacted] end\n");
    }

    @Test
    void aLiveRunsUnfinishedLastLineWaitsForItsNewline() throws Exception {
        Path file = Files.writeString(dir.resolve("stdout.log"), "one\ntoken " + TOKEN.substring(0, 12));
        RedactedLog.Chunk chunk = log.read(file, 0, 1 << 20, false);
        assertThat(chunk.text()).isEqualTo("one\n");
        Files.writeString(file, "one\ntoken " + TOKEN + "\n");
        assertThat(log.read(file, chunk.nextOffset(), 1 << 20, false).text()).isEqualTo("token [redacted]\n");
    }

    @Test
    void anOffsetPastTheEndIsRefusedWithTheSize() throws Exception {
        Path file = Files.writeString(dir.resolve("stdout.log"), "abc\n");
        assertThatThrownBy(() -> log.read(file, 99, 10, true))
                .hasMessageContaining("past the end")
                .hasMessageContaining("4 bytes");
    }
}
