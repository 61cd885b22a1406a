package dev.baton.format;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The one JSON configuration: java.time as ISO text, names as written, unknown properties ignored. */
class JacksonTest {
    record Stamp(Instant at, String runId) {}

    @Test
    void timesAreIsoTextAndNamesAreNotRenamed() throws Exception {
        String json = Jackson.json().writeValueAsString(new Stamp(Instant.parse("2026-01-31T02:30:00Z"), "r-1"));

        assertThat(json).isEqualTo("{\"at\":\"2026-01-31T02:30:00Z\",\"runId\":\"r-1\"}");
    }

    @Test
    void aRecordIsReadBackIgnoringPropertiesItDoesNotKnow() throws Exception {
        Stamp read =
                Jackson.json().readValue("{\"at\":\"2026-01-31T02:30:00Z\",\"runId\":\"r-1\",\"new\":1}", Stamp.class);

        assertThat(read.runId()).isEqualTo("r-1");
        assertThat(read.at()).isEqualTo(Instant.parse("2026-01-31T02:30:00Z"));
    }

    @Test
    void theYamlWriterWritesNoDocumentMarkerAndQuotesOnlyWhereNeeded() throws Exception {
        assertThat(Jackson.yamlWriter().writeValueAsString(Map.of("agent", "claude-code")))
                .isEqualTo("agent: claude-code\n");
    }
}
