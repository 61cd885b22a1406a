package dev.baton.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class ValuesTest {
    @Test
    void durationsReadAsPeopleWriteThem() {
        assertThat(Durations.parse("90")).isEqualTo(Duration.ofSeconds(90));
        assertThat(Durations.parse("30s")).isEqualTo(Duration.ofSeconds(30));
        assertThat(Durations.parse("5m")).isEqualTo(Duration.ofMinutes(5));
        assertThat(Durations.parse("1h30m")).isEqualTo(Duration.ofMinutes(90));
        assertThat(Durations.parse(" 2H ")).isEqualTo(Duration.ofHours(2));
        assertThat(Durations.parse("250ms")).isEqualTo(Duration.ofMillis(250));
        assertThatThrownBy(() -> Durations.parse("soon")).hasMessageContaining("write it like 90, 30s, 5m");
        assertThatThrownBy(() -> Durations.parse("0s")).hasMessageContaining("zero");
        assertThatThrownBy(() -> Durations.parse("-5m")).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void durationsFormatShort() {
        assertThat(Durations.format(Duration.ofMinutes(90))).isEqualTo("1h30m");
        assertThat(Durations.format(Duration.ofSeconds(45))).isEqualTo("45s");
        assertThat(Durations.format(Duration.ofMillis(250))).isEqualTo("250ms");
        assertThat(Durations.format(Duration.ofHours(2))).isEqualTo("2h");
    }

    @Test
    void priorityWordsAndNumbers() {
        assertThat(Priority.parse("high")).isLessThan(Priority.parse("medium"));
        assertThat(Priority.parse("medium")).isEqualTo(Priority.DEFAULT);
        assertThat(Priority.parse("low")).isGreaterThan(Priority.DEFAULT);
        assertThat(Priority.parse("1")).isEqualTo(1);
        assertThatThrownBy(() -> Priority.parse("11")).hasMessageContaining("out of range");
        assertThatThrownBy(() -> Priority.parse("urgent-ish")).hasMessageContaining("not understood");
    }

    @Test
    void taskIdsAreValidatedAndGeneratedShort() {
        assertThat(TaskId.generate(RandomGenerator.of("L64X128MixRandom")).value())
                .matches("t-[0-9a-f]{6}");
        assertThatThrownBy(() -> TaskId.of("../etc")).hasMessageContaining("not a valid task id");
        assertThatThrownBy(() -> TaskId.of("")).isInstanceOf(InvalidInputException.class);
        assertThat(RunId.of(TaskId.of("task-2026-01-31-001"), 3).taskId()).isEqualTo(TaskId.of("task-2026-01-31-001"));
    }

    @Test
    void aTaskSpecNeedsTextAndTakesItsTitleFromTheFirstLine() {
        assertThatThrownBy(() -> TaskSpec.builder("  ").build()).hasMessageContaining("has no text");
        assertThat(TaskSpec.builder("# Task: Fix the parser\n\nDetails").build().title())
                .isEqualTo("Fix the parser");
        TaskSpec spec = TaskSpec.builder("make test").preferredAgent("any").build();
        assertThat(spec.preferredAgent()).isNull();
        assertThat(spec.timeout()).isEqualTo(TaskSpec.DEFAULT_TIMEOUT);
        assertThatThrownBy(() -> TaskSpec.builder("x").maxRetries(-1).build()).hasMessageContaining("retries");
    }
}
