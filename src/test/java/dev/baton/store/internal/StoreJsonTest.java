package dev.baton.store.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.core.TaskId;
import dev.baton.core.TaskMode;
import dev.baton.core.TaskSpec;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class StoreJsonTest {

    /** Every field set but the extra ones, with values a round trip could change if it were lossy. */
    private static TaskSpec.Builder everyField() {
        return TaskSpec.builder("  # Task: fix the parser\n\nwith 'quotes', \"double\", tabs\t and ünïcode")
                .title("  Fix the parser  ")
                .type("bug")
                .priority(3)
                .requires(List.of("python", "git", "shell"))
                .preferredAgent("claude-code")
                .timeout(Duration.ofMinutes(90).plusMillis(250))
                .dependsOn(List.of(new TaskId("a1"), new TaskId("b2")))
                .mode(TaskMode.PLAN_FIRST)
                .tags(List.of("parser", "urgent"))
                .modelHint("opus")
                .estimatedTokens(120_000L)
                .repo("/srv/repo")
                .baseBranch("develop")
                .maxRetries(4)
                .source("file:/tmp/tasks/fix.md")
                .followUpOf(new TaskId("p0"))
                .requiresApproval(true)
                .verify(List.of("make test", "make lint"));
    }

    @Test
    void aSpecWithoutExtraFieldsReadsBackEqualToTheSpecWritten() {
        TaskSpec spec = everyField().build();
        String json = new StoreJson().writeSpec(spec);

        assertThat(new StoreJson().readSpec(json)).isEqualTo(spec); // a fresh reader parses it
    }

    @Test
    void theWriterAnswersAReadOfWhatItWroteAsAFreshReaderWould() {
        TaskSpec plain = everyField().build();
        TaskSpec withExtras = everyField()
                .extra("owner", "ops")
                .extra("budget", 5L)
                .extra("labels", List.of("a", 1.5f))
                .build();
        StoreJson writer = new StoreJson();

        for (TaskSpec spec : List.of(plain, withExtras)) {
            String json = writer.writeSpec(spec);
            assertThat(writer.readSpec(json)).isEqualTo(new StoreJson().readSpec(json));
        }
        assertThat(writer.readSpec(writer.writeSpec(withExtras)).extra().get("budget"))
                .isEqualTo(5); // JSON has one kind of integer: the stored task says what a reader gets
    }

    @Test
    void specsAreWrittenExactlyAsTheJacksonMapperWritesThem() {
        StoreJson json = new StoreJson();
        List<TaskSpec> specs = List.of(
                TaskSpec.builder("true").build(),
                everyField().build(),
                everyField()
                        .prompt("controls \u0000\u0001\u001f\b\f\r\n\t, quote \" backslash \\ slash / del \u007f"
                                + " emoji \uD83D\uDE00 and a lone \uD800 surrogate")
                        .build(),
                everyField()
                        .extra("owner", "ops")
                        .extra("budget", 5L)
                        .extra("ratio", 0.1)
                        .extra("big", 1e21)
                        .extra("small", 1.5e-7f)
                        .extra("none", null)
                        .extra("nested", java.util.Map.of("k", List.of(true, false, 3, (short) 4, (byte) 5)))
                        .build());
        for (TaskSpec spec : specs) {
            assertThat(json.writeSpec(spec)).isEqualTo(json.writeSpecWithMapper(spec));
        }
    }

    @Test
    void valuesTheShortWriterDoesNotKnowAreLeftToTheMapper() {
        StoreJson json = new StoreJson();
        TaskSpec withDate = everyField()
                .extra("due", java.time.LocalDate.of(2026, 11, 30))
                .extra("nan", Double.NaN)
                .build();

        assertThat(JsonText.of(withDate.extra())).isNull();
        assertThat(json.writeSpec(withDate)).isEqualTo(json.writeSpecWithMapper(withDate));
        assertThat(json.readSpec(json.writeSpec(withDate)).extra()).containsEntry("due", "2026-11-30");
    }

    @Test
    void eventDataIsWrittenExactlyAsTheJacksonMapperWritesIt() {
        StoreJson json = new StoreJson();
        java.util.Map<String, Object> data = new java.util.LinkedHashMap<>();
        data.put("agent", "claude-code");
        data.put("pid", 123_456L);
        data.put("attempt", 2);
        data.put("why", "cheapest of 3 \"capable\" agents\n(quota 80%)");
        data.put("cost_usd", 0.0123);
        data.put("files", List.of("a.txt", "dir/b.txt"));
        data.put("usage", java.util.Map.of("input", 10, "output", 20));
        data.put("branch", null);

        assertThat(json.writeData(data)).isEqualTo(json.writeDataWithMapper(data));
        assertThat(json.writeData(java.util.Map.of())).isEqualTo("{}");
        assertThat(json.readData(json.writeData(data))).isEqualTo(json.readData(json.writeDataWithMapper(data)));
    }
}
